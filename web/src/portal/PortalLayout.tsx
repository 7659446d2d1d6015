import { Suspense, useId, useState } from 'react';
import { Button, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useNavigate, useSearchParams } from 'react-router-dom';
import { useLogout, useMe } from '../api/auth';
import { SkipLink } from '../components/SkipLink';
import { ElderSwitch, LanguageSwitch } from '../components/PrefSwitches';
import { PageLoading } from '../components/PageState';
import { UnreadBadge } from '../components/UnreadBadge';
import { ActingForSelect } from '../features/account/ActingForSelect';
import { useUnreadCount } from '../features/inbox/api';
import { useFocusMainOnNavigate } from '../lib/use-focus-main';
import './portal.css';

/** The public face: mobile-first, one column at 375 px, a wide header on desktops. */
export function PortalLayout() {
  const { t } = useTranslation();
  useFocusMainOnNavigate();
  return (
    <div className="portal">
      <SkipLink />
      <header className="portal-header">
        <div className="portal-header__inner">
          <Link to="/" className="portal-brand">
            <span className="portal-brand__mark" aria-hidden="true">
              {t('app.mark')}
            </span>
            <span className="portal-brand__name">{t('app.name')}</span>
            <span className="visually-hidden">{t('app.homeSuffix')}</span>
          </Link>
          {/* DOM order = visual order at every width (brand, tools, search, nav), for keyboard users. */}
          <div className="portal-tools">
            <ElderSwitch />
            <LanguageSwitch className="portal-tools__lang" />
            <AccountArea />
            <ActingForSelect />
          </div>
          <PortalSearch />
          <nav className="portal-nav" aria-label={t('nav.portalMain')}>
            <NavLink to="/services/person">{t('portal.nav.person')}</NavLink>
            <NavLink to="/services/entity">{t('portal.nav.entity')}</NavLink>
          </nav>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="portal-main">
        <Suspense fallback={<PageLoading />}>
          <Outlet />
        </Suspense>
      </main>
      <footer className="portal-footer">
        <div className="portal-footer__inner">
          <p>{t('portal.footer.sponsor')}</p>
          <p>{t('portal.footer.hotline')}</p>
          <p>{t('portal.footer.accessibility')}</p>
        </div>
      </footer>
    </div>
  );
}

function PortalSearch() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [value, setValue] = useState(params.get('q') ?? '');
  const id = useId();
  const submit = (q: string) => {
    const term = q.trim();
    void navigate(term ? `/search?q=${encodeURIComponent(term)}` : '/search');
  };
  return (
    <div role="search" className="portal-search">
      <label htmlFor={id} className="visually-hidden">
        {t('portal.search.label')}
      </label>
      <Input.Search
        id={id}
        value={value}
        onChange={(e) => setValue(e.target.value)}
        onSearch={(q, _e, info) => {
          if (info?.source !== 'clear') submit(q);
        }}
        placeholder={t('portal.search.placeholder')}
        enterButton={t('action.search')}
        allowClear
        maxLength={100}
      />
    </div>
  );
}

function AccountArea() {
  const { t } = useTranslation();
  const me = useMe();
  const logout = useLogout();
  const navigate = useNavigate();
  if (me.isPending) return <span className="portal-account" aria-hidden="true" />;
  if (!me.data) {
    return (
      <Link to="/login" className="portal-account portal-account__signin">
        {t('auth.signIn')}
      </Link>
    );
  }
  const home = me.data.kind === 'staff' ? '/workbench' : '/me';
  return (
    <span className="portal-account">
      <Link to={home} className="portal-account__name" title={me.data.displayName}>
        {me.data.displayName}
      </Link>
      <MessagesLink />
      <Button type="link" size="small" loading={logout.isPending} onClick={() => logout.mutate(undefined, { onSettled: () => navigate('/') })}>
        {t('auth.signOut')}
      </Button>
    </span>
  );
}

/** 我的消息 with the unread count (the inbox's query ['messages', 'unread']: the cases feature's /me/messages page refreshes ['messages', …] when read). */
function MessagesLink() {
  const { t } = useTranslation();
  const unread = useUnreadCount().data ?? 0;
  return (
    <Link to="/me/messages" className="portal-account__messages" data-testid="portal-messages">
      {t('portal.messages.link')}
      <UnreadBadge count={unread} label={t('portal.messages.unread', { count: unread })} className="portal-badge" />
    </Link>
  );
}

export default PortalLayout;
