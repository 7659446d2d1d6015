import { Button, Card, Pagination, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { EmptyState, QueryView } from '../../components/PageState';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDateTime } from '../../lib/dayjs';
import { useDocumentTitle } from '../../lib/use-document-title';
import type { InboxMessage } from './api';
import { useMessageList } from './message-list';
import { messageView } from './texts';
import './inbox.css';

const PAGE_SIZE = 10;

/** 消息: the staff member's in-site messages and those of their units (双公示 deadlines, urges, hotline tickets), newest first. */
export function MessagesPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('inbox.title'));
  const { page, setPage, q, readOne, readAll, unread } = useMessageList(PAGE_SIZE, (count) => t('inbox.allRead', { count }));
  return (
    <div className="inbox">
      <h1>{t('inbox.title')}</h1>
      <div className="inbox__bar">
        <p role="status">{t('inbox.unread', { count: unread })}</p>
        {unread > 0 && (
          <Button onClick={() => readAll.mutate()} loading={readAll.isPending}>
            {t('inbox.markAll')}
          </Button>
        )}
      </div>
      <ProblemAlert error={readOne.error ?? readAll.error} />
      <QueryView query={q} isEmpty={(d) => d.items.length === 0} empty={<EmptyState description={t('inbox.empty')} />}>
        {(d) => (
          <>
            <ul className="inbox__list" aria-label={t('inbox.title')}>
              {d.items.map((m) => (
                <Item key={m.id} m={m} onRead={() => readOne.mutate(m.id)} reading={readOne.isPending && readOne.variables === m.id} />
              ))}
            </ul>
            {d.total > d.pageSize && <Pagination current={page} pageSize={d.pageSize} total={d.total} onChange={setPage} showSizeChanger={false} />}
          </>
        )}
      </QueryView>
    </div>
  );
}

function Item({ m, onRead, reading }: { m: InboxMessage; onRead: () => void; reading: boolean }) {
  const { t } = useTranslation();
  const v = messageView(t, m);
  const unread = m.readAt === null;
  return (
    <li>
      <Card size="small" className={unread ? 'inbox__item inbox__item--unread' : 'inbox__item'}>
        <div className="inbox__head">
          <h2 className="inbox__title">
            {unread && <Tag color="blue">{t('inbox.new')}</Tag>}
            {m.unit && <Tag>{t('inbox.toUnit')}</Tag>}
            {v.title}
          </h2>
          <time dateTime={m.createdAt}>{formatDateTime(m.createdAt)}</time>
        </div>
        <p className="inbox__text">{v.text}</p>
        <div className="inbox__actions">
          {v.link && (
            <Link to={v.link} onClick={unread ? onRead : undefined}>
              {t('inbox.open')}
              <span className="visually-hidden">{`: ${v.title}`}</span>
            </Link>
          )}
          {unread && (
            <Button size="small" onClick={onRead} loading={reading}>
              {t('inbox.markRead')}
              <span className="visually-hidden">{`: ${v.title}`}</span>
            </Button>
          )}
        </div>
      </Card>
    </li>
  );
}

export default MessagesPage;
