import { App, Button, Form, Input, Space } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { hasPermission, useMe } from '../../api/auth';
import { ProblemAlert } from '../../components/ProblemAlert';
import { hotlineKeys, ticketAction, type TicketDetail } from './api';

/**
 * What Open311 publishes of this request: with the caller's consent, the text a hotline operator
 * writes here (never the caller's own words); without it only category, status and street.
 */
export function PublicText({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const me = useMe();
  const [form] = Form.useForm<{ text: string }>();
  const save = useMutation({
    mutationFn: (text: string | null) => ticketAction(ticket.id, { route: 'public-text', body: { text, version: ticket.version } }),
    onSuccess: (d) => {
      qc.setQueryData(hotlineKeys.ticket(ticket.id), d);
      void message.success(t('hotline.detail.publicSaved'));
    },
  });
  const mayEdit = ticket.publicConsent && hasPermission(me.data, 'hotline.ticket.dispatch');
  return (
    <section aria-labelledby="hl-public-title" style={{ marginTop: 16 }}>
      <h3 id="hl-public-title" style={{ fontSize: '1em' }}>
        {t('hotline.detail.publicTitle')}
      </h3>
      {!ticket.publicConsent ? (
        <p>{t('hotline.detail.publicNotAgreed')}</p>
      ) : (
        <>
          <p>{t('hotline.detail.publicHint')}</p>
          <p>
            {t('hotline.detail.publicCurrent')}: <span data-testid="hl-public-text">{ticket.publicText ?? t('hotline.detail.publicNone')}</span>
          </p>
          {mayEdit && (
            <Form
              name="hotline-public"
              form={form}
              layout="vertical"
              initialValues={{ text: ticket.publicText ?? '' }}
              onFinish={(v) => save.mutate(v.text.trim())}
            >
              <ProblemAlert error={save.error} />
              <Form.Item
                name="text"
                label={t('hotline.detail.publicTitle')}
                rules={[{ required: true, whitespace: true, min: 2, message: t('validation.required') }]}
              >
                <Input.TextArea rows={3} maxLength={500} showCount />
              </Form.Item>
              <Space>
                <Button htmlType="submit" type="primary" loading={save.isPending}>
                  {t('hotline.detail.publicSave')}
                </Button>
                {ticket.publicText && (
                  <Button danger loading={save.isPending} onClick={() => save.mutate(null)}>
                    {t('hotline.detail.publicWithdraw')}
                  </Button>
                )}
              </Space>
            </Form>
          )}
        </>
      )}
    </section>
  );
}
