import BellOutlined from '@ant-design/icons/BellOutlined';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { UnreadBadge } from '../../components/UnreadBadge';
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
      <UnreadBadge count={unread} label={t('inbox.unread', { count: unread })} />
    </Link>
  );
}
