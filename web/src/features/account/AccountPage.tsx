import { App as AntApp, Button, Card, Descriptions, List, Result, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { RequireAuth } from '../../components/RequireAuth';
import { ErrorState, PageLoading } from '../../components/PageState';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useDocumentTitle } from '../../lib/use-document-title';
import { formatDateTime } from '../../lib/dayjs';
import { useDataUsage, useEndSession, useMySessions, useProfile, useSignOutEverywhere, useVerifyRealName, type AssuranceLevel } from './api';
import { ChangeMobileCard, CloseAccountCard } from './AccountChanges';
import { EnterprisesCard } from './EnterprisesCard';
import { EnterpriseAdminCard } from './EnterpriseAdminCard';
import { SharedDataUsageCard } from '../data-exchange/UsageCard';
import { CertificateConsentCard } from '../data-exchange/ConsentCard';

const levelColor: Record<AssuranceLevel, string> = { registered: 'orange', real_name: 'green', in_person: 'blue' };

/** 账号与安全: level of assurance and real-name verification, devices, 数据使用记录, mobile number, closing. */
function AccountPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('account.page.title'));
  const profile = useProfile();
  if (profile.isPending) return <PageLoading />;
  if (profile.isError) return <ErrorState error={profile.error} onRetry={() => void profile.refetch()} />;
  const p = profile.data;
  return (
    <>
      <h1 className="page-title">{t('account.page.title')}</h1>
      <div style={{ display: 'grid', gap: 16 }}>
        <Card title={<h2 style={{ margin: 0, fontSize: '1.1em' }}>{t('account.page.verifyTitle')}</h2>}>
          <Descriptions
            column={1}
            items={[
              { key: 'username', label: t('auth.username'), children: p.username },
              ...(p.person ? [{ key: 'name', label: t('account.register.name'), children: p.person.name }] : []),
              {
                key: 'level',
                label: t('account.page.level'),
                children: (
                  <Tag color={levelColor[p.assuranceLevel]} data-testid="assurance-level">
                    {t(`account.levels.${p.assuranceLevel}`)}
                  </Tag>
                ),
              },
            ]}
          />
          {p.kind === 'person' && <RealName level={p.assuranceLevel} />}
        </Card>
        {p.kind !== 'staff' && <EnterprisesCard />}
        {p.kind === 'person' && <EnterpriseAdminCard />}
        <Sessions />
        <DataUsage />
        {p.kind !== 'staff' && <SharedDataUsageCard />}
        {p.kind !== 'staff' && <CertificateConsentCard />}
        {p.kind === 'person' && <ChangeMobileCard />}
        {p.kind !== 'staff' && <CloseAccountCard />}
      </div>
    </>
  );
}

function RealName({ level }: { level: AssuranceLevel }) {
  const { t } = useTranslation();
  const verify = useVerifyRealName();
  if (level !== 'registered') return <Result status="success" title={t('account.page.verified')} style={{ padding: 8 }} />;
  return (
    <>
      <p>{t('account.page.verifyHint')}</p>
      {verify.error && <ProblemAlert error={verify.error} />}
      <Button type="primary" onClick={() => verify.mutate()} loading={verify.isPending}>
        {t('account.page.verify')}
      </Button>
    </>
  );
}

function Sessions() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const sessions = useMySessions();
  const everywhere = useSignOutEverywhere();
  const end = useEndSession();
  return (
    <Card
      title={<h2 style={{ margin: 0, fontSize: '1.1em' }}>{t('account.page.sessions')}</h2>}
      extra={
        <Button
          danger
          loading={everywhere.isPending}
          onClick={() => everywhere.mutate(undefined, { onSuccess: (r) => void message.success(t('account.page.signedOutEverywhere', { count: r.ended })) })}
        >
          {t('account.page.signOutEverywhere')}
        </Button>
      }
    >
      {sessions.isError && <ErrorState error={sessions.error} onRetry={() => void sessions.refetch()} />}
      <List
        loading={sessions.isPending}
        dataSource={sessions.data ?? []}
        renderItem={(s) => (
          <List.Item
            actions={
              s.current
                ? [<Tag key="current">{t('account.page.current')}</Tag>]
                : [
                    <Button key="end" size="small" onClick={() => end.mutate(s.id)}>
                      {t('account.page.signOut')}
                    </Button>,
                  ]
            }
          >
            <List.Item.Meta title={s.userAgent ?? '—'} description={`${s.ip ?? ''} · ${t('account.page.lastSeen')} ${formatDateTime(s.lastSeenAt)}`} />
          </List.Item>
        )}
      />
    </Card>
  );
}

function DataUsage() {
  const { t } = useTranslation();
  const usage = useDataUsage();
  return (
    <Card title={<h2 style={{ margin: 0, fontSize: '1.1em' }}>{t('account.page.dataUsage')}</h2>}>
      <p>{t('account.page.dataUsageHint')}</p>
      <Table
        size="small"
        rowKey={(r) => `${r.at}-${r.actorName}`}
        loading={usage.isPending}
        dataSource={usage.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: <span style={{ color: 'rgba(0, 0, 0, 0.65)' }}>{t('account.page.dataUsageEmpty')}</span> }}
        scroll={{ x: true }}
        columns={[
          { key: 'at', title: t('account.page.lastSeen'), render: (_, r) => formatDateTime(r.at) },
          { key: 'who', title: t('auth.username'), dataIndex: 'actorName' },
          { key: 'reason', title: t('account.page.reason'), render: (_, r) => r.reason ?? '—' },
        ]}
      />
    </Card>
  );
}

export function AccountRoute() {
  return (
    <RequireAuth>
      <AntApp component={false}>
        <AccountPage />
      </AntApp>
    </RequireAuth>
  );
}
