import { useState } from 'react';
import { Button, Card, Empty, Form, Input, Modal, Popconfirm, Space, Steps, Switch, Tag } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { RequireAuth } from '../../../components/RequireAuth';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { PageLoading } from '../../../components/PageState';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { addAddress, deleteAddress, deliveryKeys, updateAddress, useAddresses, useMyDeliveries, type Address, type AddressBody, type Order } from '../api';

const postSteps = ['created', 'collected', 'in_transit', 'out_for_delivery', 'signed'] as const;

/** /delivery — my address book and the deliveries of my cases (phone first). Phone and address are shown masked. */
export function DeliveryRoute() {
  return (
    <RequireAuth kinds={['person', 'entity']}>
      <DeliveryPage />
    </RequireAuth>
  );
}

function DeliveryPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('delivery.portal.title'));
  const orders = useMyDeliveries();
  if (orders.isPending) return <PageLoading />;
  return (
    <div className="delivery-page" style={{ maxWidth: 720, margin: '0 auto', padding: 12 }}>
      <h1>{t('delivery.portal.title')}</h1>
      {orders.isError && <ProblemAlert error={orders.error} />}
      <h2>{t('delivery.portal.orders')}</h2>
      {orders.data?.length === 0 && <Empty description={t('delivery.portal.noOrders')} />}
      <Space direction="vertical" style={{ width: '100%' }}>
        {orders.data?.map((o) => (
          <OrderCard key={o.id} order={o} />
        ))}
      </Space>
      <AddressBook />
    </div>
  );
}

function OrderCard({ order: o }: { order: Order }) {
  const { t } = useTranslation();
  return (
    <Card
      size="small"
      title={<span lang="zh-CN">{o.itemName}</span>}
      extra={<Tag color={o.status === 'signed' ? 'green' : 'blue'}>{t(`delivery.status.${o.status}`)}</Tag>}
    >
      <p>
        {t('delivery.caseNo')}: {o.caseNo} · {t(`delivery.direction.${o.direction}`)}
      </p>
      {o.method === 'post' ? (
        <>
          {o.trackingNumber && (
            <p>
              {t('delivery.tracking')}: {o.carrier === 'sim' ? t('delivery.simCarrier') : o.carrier} {o.trackingNumber}
            </p>
          )}
          {o.address && (
            <p>
              {t('delivery.to')}: <span lang="zh-CN">{o.recipientName}</span> {o.phone} <span lang="zh-CN">{o.address}</span>
            </p>
          )}
          {o.status !== 'returned' && (
            <Steps
              size="small"
              direction="vertical"
              current={postSteps.indexOf(o.status as (typeof postSteps)[number])}
              items={postSteps.map((s) => ({ title: t(`delivery.status.${s}`) }))}
            />
          )}
        </>
      ) : (
        <p>
          {t('delivery.pickupAt')}: <span lang="zh-CN">{o.pickupPlace}</span>
          {o.status === 'awaiting_pickup' && <> · {t('delivery.portal.bringCode')}</>}
        </p>
      )}
      {o.signedAt && (
        <p>
          {t('delivery.signedAt')}: {new Date(o.signedAt).toLocaleString()}
        </p>
      )}
    </Card>
  );
}

function AddressBook() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const list = useAddresses();
  const [editing, setEditing] = useState<Address | 'new'>();
  const [form] = Form.useForm<AddressBody>();
  const [key, setKey] = useState(() => crypto.randomUUID());
  const refresh = () => void qc.invalidateQueries({ queryKey: deliveryKeys.addresses });
  const save = useMutation({
    mutationFn: (body: AddressBody) => (editing === 'new' ? addAddress(body, key) : updateAddress(editing!.id, body)),
    onSuccess: () => {
      setEditing(undefined);
      setKey(crypto.randomUUID());
      refresh();
    },
  });
  const remove = useMutation({ mutationFn: deleteAddress, onSuccess: refresh });
  const open = (a: Address | 'new') => {
    form.resetFields();
    // Stored phone and address are never sent back unmasked: editing asks for them again.
    if (a !== 'new') form.setFieldsValue({ regionCode: a.regionCode, isDefault: a.isDefault });
    save.reset();
    setEditing(a);
  };
  return (
    <>
      <h2>{t('delivery.portal.addresses')}</h2>
      {list.isError && <ProblemAlert error={list.error} />}
      {remove.isError && <ProblemAlert error={remove.error} />}
      <Space direction="vertical" style={{ width: '100%' }}>
        {list.data?.map((a) => (
          <Card key={a.id} size="small" extra={a.isDefault && <Tag color="green">{t('delivery.portal.default')}</Tag>}>
            <p>
              <span lang="zh-CN">{a.recipientName}</span> {a.phone}
            </p>
            <p lang="zh-CN">{a.address}</p>
            <Space wrap>
              <Button size="small" onClick={() => open(a)}>
                {t('delivery.portal.edit')}
              </Button>
              <Popconfirm title={t('delivery.portal.confirmDelete')} onConfirm={() => remove.mutate(a.id)}>
                <Button size="small" danger>
                  {t('delivery.portal.delete')}
                </Button>
              </Popconfirm>
            </Space>
          </Card>
        ))}
        <Button type="primary" block size="large" onClick={() => open('new')}>
          {t('delivery.portal.add')}
        </Button>
      </Space>
      <Modal
        open={editing !== undefined}
        title={t(editing === 'new' ? 'delivery.portal.add' : 'delivery.portal.edit')}
        onCancel={() => setEditing(undefined)}
        onOk={() => form.submit()}
        okButtonProps={{ loading: save.isPending }}
      >
        {save.isError && <ProblemAlert error={save.error} />}
        <Form form={form} layout="vertical" onFinish={(v) => save.mutate({ ...v, isDefault: Boolean(v.isDefault) })}>
          <Form.Item name="recipientName" label={t('delivery.portal.recipient')} rules={[{ required: true, max: 50 }]}>
            <Input autoComplete="name" />
          </Form.Item>
          <Form.Item
            name="phone"
            label={t('delivery.portal.phone')}
            rules={[{ required: true, pattern: /^1\d{10}$/, message: t('delivery.portal.phoneInvalid') }]}
          >
            <Input inputMode="tel" autoComplete="tel" />
          </Form.Item>
          <Form.Item
            name="regionCode"
            label={t('delivery.portal.regionCode')}
            rules={[{ required: true, pattern: /^\d{6,12}$/, message: t('delivery.portal.regionInvalid') }]}
          >
            <Input inputMode="numeric" />
          </Form.Item>
          <Form.Item name="address" label={t('delivery.portal.address')} rules={[{ required: true, min: 4, max: 200 }]}>
            <Input.TextArea autoComplete="street-address" />
          </Form.Item>
          <Form.Item name="isDefault" label={t('delivery.portal.makeDefault')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
