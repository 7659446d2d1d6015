import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/dayjs';
import type { Ticket, TicketKind, TicketStatus, TimeState } from './api';
import './hotline.css';

const statusColor: Record<TicketStatus, string> = {
  new: 'blue',
  dispatched: 'geekblue',
  returned: 'orange',
  signed: 'cyan',
  extension_requested: 'gold',
  replied: 'purple',
  concluded: 'lime',
  closed: 'green',
  referred: 'default',
  merged: 'default',
};

export function StatusTag({ status }: { status: TicketStatus }) {
  const { t } = useTranslation();
  return <Tag color={statusColor[status]}>{t(`hotline.status.${status}`)}</Tag>;
}

export function KindTag({ kind }: { kind: TicketKind }) {
  const { t } = useTranslation();
  return <Tag color={kind === 'report' ? 'red' : kind === 'complaint' ? 'volcano' : undefined}>{t(`hotline.kind.${kind}`)}</Tag>;
}

const lightOf: Record<TimeState, 'green' | 'yellow' | 'red'> = { ok: 'green', near: 'yellow', overdue: 'red' };
const openStatuses: TicketStatus[] = ['new', 'dispatched', 'returned', 'signed', 'extension_requested', 'replied'];

/** The deadline with its light: green on time, yellow due soon, red overdue; "estimated" when the year's holidays are unknown. */
export function Deadline({ ticket }: { ticket: Pick<Ticket, 'dueDate' | 'dueAt' | 'dueEstimated' | 'timeState' | 'status'> }) {
  const { t } = useTranslation();
  if (!ticket.dueDate) return <span>—</span>;
  const open = openStatuses.includes(ticket.status);
  const light = lightOf[ticket.timeState];
  const state = t(`hotline.timeState.${ticket.timeState}`);
  return (
    <span className="hl-deadline" data-light={open ? light : 'none'}>
      {open && <span className={`hl-light hl-light--${light}`} role="img" aria-label={t('hotline.detail.deadlineLight', { state })} title={state} />}
      {/* A limit in working hours is due at a moment (urgent tickets); one in working days by the end of the day. */}
      <span className="mono">{ticket.dueAt ? formatDateTime(ticket.dueAt) : ticket.dueDate}</span>
      {ticket.dueEstimated && (
        <Tooltip title={t('hotline.list.estimatedHint')}>
          <Tag className="hl-estimated" tabIndex={0}>
            {t('hotline.list.estimated')}
          </Tag>
        </Tooltip>
      )}
    </span>
  );
}
