import { App, Button, Card, Table, Tag } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { formatDateTime } from '../../lib/dayjs';

const key = ['data', 'my-consents'] as const;

/** 证照共享授权: the certificate types that need my consent before a department reads them; grant or revoke. */
export function CertificateConsentCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const consents = useQuery({ queryKey: key, queryFn: ({ signal }) => unwrap(api.GET('/api/data/my-consents', { signal })) });
  const set = useMutation({
    mutationFn: (body: { certificateType: string; granted: boolean }) => unwrap(api.POST('/api/data/my-consents', { body })),
    onSuccess: (data) => {
      qc.setQueryData(key, data);
      void message.success(t('data.saved'));
    },
    onError: (e) => void message.error(e.message),
  });
  return (
    <Card title={<h2 style={{ margin: 0, fontSize: '1.1em' }}>{t('data.consent.title')}</h2>}>
      <p>{t('data.consent.hint')}</p>
      <Table
        size="small"
        rowKey="certificateType"
        loading={consents.isPending}
        dataSource={consents.data ?? []}
        pagination={false}
        locale={{ emptyText: <span style={{ color: 'rgba(0, 0, 0, 0.65)' }}>{t('data.consent.empty')}</span> }}
        scroll={{ x: true }}
        columns={[
          { key: 'type', title: t('data.consent.type'), render: (_, r) => <span lang="zh-CN">{r.certificateType}</span> },
          {
            key: 'basis',
            title: t('data.consent.basis'),
            render: (_, r) => (
              <span lang="zh-CN" className="data-muted">
                {r.legalBasis}
              </span>
            ),
          },
          {
            key: 'state',
            title: t('data.consent.granted'),
            render: (_, r) =>
              r.granted ? (
                <Tag color="success" title={r.grantedAt ? t('data.consent.since', { at: formatDateTime(r.grantedAt) }) : undefined}>
                  {t('data.consent.granted')}
                </Tag>
              ) : (
                <Tag>{t('data.consent.notGranted')}</Tag>
              ),
          },
          {
            key: 'action',
            title: t('admin.actions'),
            render: (_, r) => (
              <Button
                size="small"
                danger={r.granted}
                loading={set.isPending && set.variables?.certificateType === r.certificateType}
                onClick={() => set.mutate({ certificateType: r.certificateType, granted: !r.granted })}
                aria-label={`${r.granted ? t('data.consent.revoke') : t('data.consent.grant')} ${r.certificateType}`}
              >
                {r.granted ? t('data.consent.revoke') : t('data.consent.grant')}
              </Button>
            ),
          },
        ]}
      />
    </Card>
  );
}
