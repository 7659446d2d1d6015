// 电子监察 beside the cases: the lights of hotline tickets (per holding unit) and of the
// rectifications of bad reviews (per department), each figure opening the list behind it (the same
// light function and scope on the server, so the list's total is the figure).
import { useState } from 'react';
import { Card } from 'antd';
import type { UseQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { hasPermission, useMe } from '../../api/auth';
import { EmptyState, QueryView } from '../../components/PageState';
import { formatDateTime } from '../../lib/dayjs';
import {
  runningLights,
  useLightRectifications,
  useLightTickets,
  useRectificationLights,
  useTicketLights,
  type LightRectification,
  type LightTicket,
  type RunningLight,
} from './api';
import {
  PAGE_SIZE,
  LightList,
  LightTable,
  dateColumn,
  dayOf,
  lightColumn,
  linkColumn,
  textColumn,
  urgeColumn,
  useLightSelection,
  type Bar,
  type BehindProps,
  type Subject,
} from './LightTable';
import { UrgeModal } from './ui';

type RunningBar = Bar<RunningLight>;
type Behind = BehindProps<RunningLight>;

/** A section of one subject: its figures per unit, and the list behind the figure picked (in the address under `prefix`). */
function SubjectSection<R>({
  subject,
  permission,
  prefix,
  query,
  toBar,
  Behind,
}: {
  subject: Exclude<Subject, 'cases'>;
  permission: string;
  prefix: string;
  query: (enabled: boolean) => UseQueryResult<R[]>;
  toBar: (row: R) => RunningBar;
  Behind: (p: Behind) => React.ReactNode;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const allowed = hasPermission(me.data, permission);
  const q = query(allowed);
  const sel = useLightSelection(runningLights, { unit: prefix, light: `${prefix}Light`, page: `${prefix}Page` });
  if (!allowed) return null;
  return (
    <Card className="sv-section" title={<h2>{t(`supervision.${subject}.title`)}</h2>}>
      <p className="sv-hint">{t(`supervision.${subject}.intro`)}</p>
      <QueryView query={q} isEmpty={(d) => d.length === 0} empty={<EmptyState description={t(`supervision.${subject}.empty`)} />}>
        {(rows) => {
          const all = rows.map(toBar);
          const bar = all.find((b) => b.key === sel.key);
          return (
            <>
              <LightTable subject={subject} lights={runningLights} bars={all} onPick={(k, l) => sel.set(k, l)} />
              {bar && sel.light && (
                <Behind bar={bar} light={sel.light} page={sel.page} onPage={(p) => sel.set(bar.key, sel.light, p)} onClose={() => sel.set(null, null)} />
              )}
            </>
          );
        }}
      </QueryView>
    </Card>
  );
}

/** Hotline tickets still with their unit, per unit by light. */
export function TicketLights() {
  return (
    <SubjectSection
      subject="tickets"
      permission="hotline.ticket.read"
      prefix="ticketUnit"
      query={useTicketLights}
      toBar={(r) => ({ ...r, key: r.unit, name: r.unitName })}
      Behind={TicketsBehind}
    />
  );
}

function TicketsBehind(p: Behind) {
  const { t } = useTranslation();
  const q = useLightTickets({ unit: p.bar.key, light: p.light, page: p.page, pageSize: PAGE_SIZE });
  return (
    <LightList<LightTicket, RunningLight>
      {...p}
      query={q}
      rowKey="id"
      scrollX={760}
      columns={[
        linkColumn<LightTicket>(
          'number',
          t('supervision.field.ticketNo'),
          (r) => `/workbench/hotline/tickets/${r.id}`,
          (r) => r.number,
        ),
        textColumn<LightTicket>('title', t('supervision.field.ticketTitle'), 'title'),
        lightColumn<LightTicket>(t('supervision.field.light'), (r) => r.light),
        dateColumn<LightTicket>(t('supervision.field.limit'), (r) => (r.dueAt ? formatDateTime(r.dueAt) : dayOf(r.dueDate)), 150),
        { key: 'urged', title: t('supervision.field.urged'), width: 90, dataIndex: 'urgeCount' },
      ]}
    />
  );
}

/** Rectifications of bad reviews the unit still owes (open or appealed), per department by light. */
export function RectificationLights() {
  return (
    <SubjectSection
      subject="rectifications"
      permission="evaluation.rectification.read"
      prefix="rectUnit"
      query={useRectificationLights}
      toBar={(r) => ({ ...r, key: r.departmentId, name: r.departmentName })}
      Behind={RectificationsBehind}
    />
  );
}

function RectificationsBehind(p: Behind) {
  const { t } = useTranslation();
  const me = useMe();
  const [urging, setUrging] = useState<LightRectification | null>(null);
  const q = useLightRectifications({ departmentId: p.bar.key, light: p.light, page: p.page, pageSize: PAGE_SIZE });
  return (
    <LightList<LightRectification, RunningLight>
      {...p}
      query={q}
      rowKey="id"
      scrollX={820}
      columns={[
        linkColumn<LightRectification>(
          'caseNo',
          t('supervision.field.caseNo'),
          (r) => `/workbench/rectifications/${r.id}`,
          (r) => r.caseNo,
        ),
        textColumn<LightRectification>('item', t('supervision.field.item'), 'itemName'),
        lightColumn<LightRectification>(t('supervision.field.light'), (r) => r.light),
        dateColumn<LightRectification>(t('supervision.field.limit'), (r) => dayOf(r.dueOn)),
        urgeColumn<LightRectification>(t('supervision.field.urge'), {
          may: hasPermission(me.data, 'supervision.urge.issue'),
          urgeable: (r) => r.status === 'open',
          text: t('supervision.urge.issue'),
          label: (r) => t('supervision.urge.issueRectification', { caseNo: r.caseNo }),
          onUrge: setUrging,
        }),
      ]}
    >
      {urging && <UrgeModal caseNo={urging.caseNo} rectificationId={urging.id} onClose={() => setUrging(null)} />}
    </LightList>
  );
}
