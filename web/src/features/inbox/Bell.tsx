import BellOutlined from '@ant-design/icons/BellOutlined';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useUnreadCount } from './api';
import './bell.css';

/** The workbench header's bell: 消息 with the unread count (refreshed with the 消息 page: ['messages', …]). */
export function InboxBell() {
  const { t } = useTranslation();
  const unread = useUnreadCount().data ?? 0;
  return (
    <Link to="/workbench/messages" className="inbox-bell" data-testid="workbench-messages">
      <BellOutlined aria-hidden="true" />
      <span>{t('inbox.bell')}</span>
      {unread > 0 && (
        <>
          <span className="inbox-bell__badge" aria-hidden="true">
            {unread > 99 ? '99+' : unread}
          </span>
          <span className="visually-hidden">{t('inbox.unread', { count: unread })}</span>
        </>
      )}
    </Link>
  );
}
