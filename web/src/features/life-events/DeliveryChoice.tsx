import { useEffect, useId, useState } from 'react';
import { Radio, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useAddresses } from '../delivery/api';
import type { BundleSubmit } from './api';

/** The one delivery the applicant asks for (`resultDelivery`, docs/life-events.md "One delivery"). */
export type ResultDelivery = NonNullable<BundleSubmit['resultDelivery']>;
/** 各部门分别送达 (no resultDelivery), 统一邮寄 or 统一窗口领取. */
export type DeliveryMethod = 'separate' | 'post' | 'pickup';

/** The state of the choice: the method and, for post, the address of the book (its default at first). */
export function useDeliveryChoice(initial: DeliveryMethod) {
  const [method, setMethod] = useState<DeliveryMethod>(initial);
  const [addressId, setAddressId] = useState<string>();
  const body: ResultDelivery | undefined =
    method === 'pickup' ? { method: 'pickup' } : method === 'post' && addressId ? { method: 'post', addressId } : undefined;
  /** Post needs an address; the others are complete as they are. */
  const complete = method !== 'post' || !!addressId;
  return { method, setMethod, addressId, setAddressId, body, complete };
}
export type DeliveryChoiceState = ReturnType<typeof useDeliveryChoice>;

/**
 * The address of the book to post to (the delivery feature's address book, loaded only when post is
 * chosen); the default address is taken at first. With none, a link to add one on 寄递与地址 (in a new
 * tab where the page holds a filled form: the book is read again when the tab comes back).
 */
function AddressPicker({ value, onChange, newTab }: { value?: string; onChange: (id: string) => void; newTab?: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  const addresses = useAddresses();
  const book = addresses.data ?? [];
  const first = book.find((a) => a.isDefault)?.id ?? book[0]?.id;
  const { refetch } = addresses;
  useEffect(() => {
    if (!value && first) onChange(first);
  }, [value, first, onChange]);
  useEffect(() => {
    if (!newTab) return;
    const again = () => void refetch();
    window.addEventListener('focus', again);
    return () => window.removeEventListener('focus', again);
  }, [newTab, refetch]);
  if (addresses.isPending) return <Typography.Text type="secondary">{t('lifeEvents.delivery.loadingAddresses')}</Typography.Text>;
  if (!book.length)
    return (
      <Typography.Paragraph style={{ margin: 0 }} data-testid="le-delivery-no-address">
        {t('lifeEvents.delivery.noAddress')}{' '}
        <Link to="/delivery" {...(newTab ? { target: '_blank', rel: 'noopener' } : {})}>
          {newTab ? t('lifeEvents.delivery.addAddressNewTab') : t('lifeEvents.delivery.addAddress')}
        </Link>
      </Typography.Paragraph>
    );
  return (
    <div>
      <label htmlFor={id} style={{ display: 'block', marginBottom: 4 }}>
        {t('lifeEvents.delivery.address')}
      </label>
      <Select
        id={id}
        style={{ width: '100%' }}
        value={value}
        onChange={onChange}
        options={book.map((a) => ({
          value: a.id,
          label: (
            <span lang="zh">
              {a.recipientName} {a.phone} {a.address}
            </span>
          ),
        }))}
        data-testid="le-delivery-address"
      />
    </div>
  );
}

/**
 * 结果领取方式: each department delivers its own result (only where `separate` is offered: the apply
 * form), every result posted together to an address of the book, or picked up together at the lead
 * department's window. Phone first: the options stack.
 */
export function DeliveryChoice({
  choice,
  separate,
  newTab,
  heading,
}: {
  choice: DeliveryChoiceState;
  separate?: boolean;
  newTab?: boolean;
  /** The name of the choice as a section heading (the apply form's h2) rather than a line of text. */
  heading?: boolean;
}) {
  const { t } = useTranslation();
  const labelId = useId();
  const methods: DeliveryMethod[] = separate ? ['separate', 'post', 'pickup'] : ['post', 'pickup'];
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="le-delivery-choice">
      {heading ? (
        <Typography.Title level={2} id={labelId} style={{ fontSize: 18, margin: '16px 0 0' }}>
          {t('lifeEvents.delivery.choose')}
        </Typography.Title>
      ) : (
        <Typography.Text strong id={labelId}>
          {t('lifeEvents.delivery.choose')}
        </Typography.Text>
      )}
      <Radio.Group orientation="vertical" value={choice.method} onChange={(e) => choice.setMethod(e.target.value as DeliveryMethod)} aria-labelledby={labelId}>
        {methods.map((m) => (
          <Radio key={m} value={m}>
            {t(`lifeEvents.delivery.choices.${m}`)}
          </Radio>
        ))}
      </Radio.Group>
      <Typography.Text type="secondary">{t(`lifeEvents.delivery.hints.${choice.method}`)}</Typography.Text>
      {choice.method === 'post' && <AddressPicker value={choice.addressId} onChange={choice.setAddressId} newTab={newTab} />}
    </Space>
  );
}
