import { App, Button, Card, Tag } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { formatDateTime } from '../../lib/dayjs';
import './data-exchange.css';

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
      {consents.data && consents.data.length === 0 && <p className="data-muted">{t('data.consent.empty')}</p>}
      <ul className="data-consent-list" aria-busy={consents.isPending}>
        {(consents.data ?? []).map((r) => (
          <li key={r.certificateType}>
            <div className="data-consent-head">
              <strong lang="zh-CN">{r.certificateType}</strong>{' '}
              {r.granted ? (
                <Tag color="success" title={r.grantedAt ? t('data.consent.since', { at: formatDateTime(r.grantedAt) }) : undefined}>
                  {t('data.consent.granted')}
                </Tag>
              ) : (
                <Tag>{t('data.consent.notGranted')}</Tag>
              )}
              <Button
                size="small"
                danger={r.granted}
                loading={set.isPending && set.variables?.certificateType === r.certificateType}
                onClick={() => set.mutate({ certificateType: r.certificateType, granted: !r.granted })}
              >
                {r.granted ? t('data.consent.revoke') : t('data.consent.grant')}
              </Button>
            </div>
            <p className="data-muted" lang="zh-CN">
              {t('data.consent.basis')}: {r.legalBasis}
            </p>
          </li>
        ))}
      </ul>
    </Card>
  );
}
