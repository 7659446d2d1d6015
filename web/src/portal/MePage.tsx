import type { TFunction } from 'i18next';
import { Card, Descriptions, type DescriptionsProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useMe } from '../api/auth';
import { MyLifeEventApplications } from '../features/life-events/MyApplications';
import type { Me } from '../api/types';
import { PageLoading } from '../components/PageState';
import { useDocumentTitle } from '../lib/use-document-title';

/** My account: who I am (ID number masked by the server) and doors to my cases, certificates and tickets. */
export function MePage() {
  const { t } = useTranslation();
  useDocumentTitle(t('portal.me.title'));
  const me = useMe();
  // RequireAuth has already made sure someone is signed in.
  if (!me.data) return <PageLoading />;
  return (
    <>
      <h1 className="page-title">{t('portal.me.title')}</h1>
      <Card title={<h2 style={{ margin: 0, fontSize: '1.1em' }}>{t('portal.me.profile')}</h2>} extra={<Link to="/password">{t('auth.changePassword')}</Link>}>
        <Descriptions column={{ xs: 1, sm: 1, md: 2 }} items={profileItems(me.data, t)} />
        {me.data.kind === 'staff' && (
          <p style={{ marginTop: 12 }}>
            <Link to="/workbench">{t('nav.workbench')}</Link>
          </p>
        )}
      </Card>
      <div className="account-grid">
        <AccountCard title={t('portal.me.cases')} description={t('portal.me.casesHint')} to="/cases/mine" link={t('portal.me.open')} />
        <AccountCard title={t('portal.messages.title')} description={t('portal.messages.hint')} to="/me/messages" link={t('portal.me.open')} />
        <AccountCard title={t('portal.me.certificates')} description={t('portal.me.certificatesHint')} to="/me/certificates" link={t('portal.me.open')} />
        <AccountCard title={t('portal.me.tickets')} description={t('portal.me.ticketsHint')} to="/hotline/mine" link={t('portal.me.open')} />
        <AccountCard title={t('delivery.portal.title')} description={t('delivery.portal.hint')} to="/delivery" link={t('portal.me.open')} />
        <AccountCard title={t('account.page.link')} description={t('account.page.hint')} to="/me/account" link={t('portal.me.open')} />
      </div>
      {me.data.kind !== 'staff' && <MyLifeEventApplications />}
    </>
  );
}

type T = TFunction;

function profileItems(me: Me, t: T): DescriptionsProps['items'] {
  const items: NonNullable<DescriptionsProps['items']> = [
    { key: 'kind', label: t('portal.me.kind'), children: t(`portal.me.kinds.${me.kind}`) },
    { key: 'username', label: t('auth.username'), children: me.username },
  ];
  if (me.person) {
    items.push(
      { key: 'name', label: t('portal.me.name'), children: me.person.name },
      { key: 'idNumber', label: t('portal.me.idNumber'), children: <span className="mono">{me.person.idNumberMasked}</span> },
    );
    if (me.person.phoneMasked) items.push({ key: 'phone', label: t('portal.me.phone'), children: <span className="mono">{me.person.phoneMasked}</span> });
  }
  if (me.entity) {
    items.push(
      { key: 'entity', label: t('portal.me.entityName'), children: me.entity.name },
      { key: 'uscc', label: t('portal.me.uscc'), children: <span className="mono">{me.entity.uscc}</span> },
      { key: 'legal', label: t('portal.me.legalRepresentative'), children: me.entity.legalRepresentative },
    );
  }
  if (me.staff) {
    items.push(
      { key: 'department', label: t('portal.me.department'), children: me.staff.departmentName },
      { key: 'region', label: t('portal.me.region'), children: me.staff.regionName },
      { key: 'roles', label: t('portal.me.roles'), children: me.staff.roles.map((r) => r.name).join(t('common.listSeparator')) },
    );
  }
  if (!me.person && !me.entity) items.unshift({ key: 'displayName', label: t('portal.me.name'), children: me.displayName });
  return items;
}

function AccountCard({ title, description, to, link }: { title: string; description: string; to: string; link: string }) {
  return (
    <Card title={<h2 style={{ margin: 0, fontSize: '1.1em' }}>{title}</h2>}>
      <p>{description}</p>
      <Link to={to} aria-label={`${link}: ${title}`}>
        {link}
      </Link>
    </Card>
  );
}

export default MePage;
