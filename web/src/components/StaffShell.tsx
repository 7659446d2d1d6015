import { Suspense, useEffect, useState, type ReactNode } from 'react';
import { App as AntApp, Button, Layout, Menu, Tag } from 'antd';
import MenuOutlined from '@ant-design/icons/MenuOutlined';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useLogout, useMe } from '../api/auth';
import { visibleEntries, type NavEntry } from '../nav/registry';
import { useFocusMainOnNavigate } from '../lib/use-focus-main';
import { ElderSwitch, LanguageSwitch } from './PrefSwitches';
import { PageLoading } from './PageState';
import { SkipLink } from './SkipLink';
import './staff-shell.css';

interface Props {
  /** The face's name in the header. */
  title: string;
  nav: readonly NavEntry[];
  /** The menu label for the landmark. */
  navLabel: string;
  /** Shown first among the header's tools (the workbench's 消息 bell). */
  tools?: ReactNode;
}

/** Shared frame of the workbench and the admin face: header with who I am, a permission-filtered menu. */
export function StaffShell({ title, nav, navLabel, tools }: Props) {
  const { t } = useTranslation();
  const me = useMe();
  const logout = useLogout();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  // Below antd's `lg` breakpoint the menu is hidden behind a button in the header and overlays the page.
  const [narrow, setNarrow] = useState(false);
  const [menuOpen, setMenuOpen] = useState(false);
  useFocusMainOnNavigate();
  useEffect(() => setMenuOpen(false), [pathname]);
  useScrollableTablesFocusable();

  const entries = visibleEntries(me.data, nav);
  // The longest matching path is the current entry (so /admin/staff does not also light /admin).
  const selected = entries.filter((e) => pathname === e.path || pathname.startsWith(`${e.path}/`)).sort((a, b) => b.path.length - a.path.length)[0]?.key;
  const staff = me.data?.staff;

  return (
    // Toasts appear below the header (which wraps to two lines on a phone), three at most: they never cover who I am or the menu button.
    <AntApp component={false} message={{ top: 120, maxCount: 3 }} notification={{ top: 120, maxCount: 3 }}>
      <Layout className="staff-shell">
        <SkipLink />
        <Layout.Header className="staff-header">
          {narrow && (
            <Button
              type="text"
              icon={<MenuOutlined />}
              aria-label={t('nav.menu')}
              aria-expanded={menuOpen}
              aria-controls="staff-menu"
              onClick={() => setMenuOpen((v) => !v)}
            />
          )}
          <Link to="/" className="staff-brand">
            <span className="staff-brand__mark" aria-hidden="true">
              {t('app.mark')}
            </span>
            <span>{title}</span>
          </Link>
          <div className="staff-who">
            {staff && (
              <>
                <span className="staff-who__dept">
                  {staff.departmentName}
                  <span className="staff-who__region"> · {staff.regionName}</span>
                </span>
                <span className="staff-who__roles" aria-label={t('workbench.roles')}>
                  {staff.roles.map((r) => (
                    <Tag key={`${r.code}-${r.departmentId ?? ''}-${r.regionCode}`} color="blue">
                      {r.name}
                    </Tag>
                  ))}
                </span>
              </>
            )}
          </div>
          <div className="staff-tools">
            {tools}
            <ElderSwitch />
            <LanguageSwitch />
            <Link to="/me" className="staff-tools__name">
              {me.data?.displayName}
            </Link>
            <Button type="link" loading={logout.isPending} onClick={() => logout.mutate(undefined, { onSettled: () => navigate('/login') })}>
              {t('auth.signOut')}
            </Button>
          </div>
        </Layout.Header>
        <Layout>
          <Layout.Sider
            id="staff-menu"
            width={220}
            breakpoint="lg"
            onBreakpoint={(broken) => setNarrow(broken)}
            collapsedWidth={0}
            collapsed={narrow && !menuOpen}
            trigger={null}
            theme="light"
            className={narrow ? 'staff-sider staff-sider--overlay' : 'staff-sider'}
          >
            {/* A closed overlay menu is not rendered, so keyboard focus cannot land in it. */}
            {(!narrow || menuOpen) && (
              <nav aria-label={navLabel}>
                <Menu
                  mode="inline"
                  selectedKeys={selected ? [selected] : []}
                  items={entries.map((e) => ({
                    key: e.key,
                    icon: <e.icon />,
                    label: <Link to={e.path}>{t(e.label)}</Link>,
                  }))}
                />
              </nav>
            )}
          </Layout.Sider>
          <Layout.Content id="main" tabIndex={-1} className="staff-main">
            <Suspense fallback={<PageLoading />}>
              <Outlet />
            </Suspense>
          </Layout.Content>
        </Layout>
      </Layout>
    </AntApp>
  );
}

/**
 * A table wider than its card scrolls inside it: keyboard users reach the hidden columns only if the
 * scrolling box can take focus (WCAG 2.1.1; axe scrollable-region-focusable). antd does not do it, so
 * every such box in the staff pages gets tabindex=0 while it scrolls.
 */
function useScrollableTablesFocusable() {
  useEffect(() => {
    const main = document.getElementById('main');
    if (!main) return;
    const mark = () => {
      for (const el of main.querySelectorAll<HTMLElement>('.ant-table-content, .ant-table-body')) {
        const scrolls = el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1;
        if (scrolls && !el.hasAttribute('tabindex')) el.setAttribute('tabindex', '0');
        else if (!scrolls && el.getAttribute('tabindex') === '0') el.removeAttribute('tabindex');
      }
    };
    const observer = new MutationObserver(mark);
    observer.observe(main, { childList: true, subtree: true });
    window.addEventListener('resize', mark);
    mark();
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', mark);
    };
  }, []);
}
