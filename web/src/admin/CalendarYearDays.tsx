import { Card, Select, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client';
import type { ResponseOf } from '../api/types';
import { QueryView } from '../components/PageState';
import { dayjs } from '../lib/dayjs';

type Day = ResponseOf<'/api/calendar/days'>[number];
type Kind = 'holiday' | 'makeup' | 'localHoliday' | 'localWorkday';

/** A run of consecutive days of one kind and name: 国庆节、中秋节 2026-10-01 – 2026-10-08, 8 days. */
interface Run {
  from: string;
  to: string;
  days: number;
  kind: Kind;
  name: string;
}

const KIND_OF: Partial<Record<string, Kind>> = {
  holiday: 'holiday',
  'makeup-workday': 'makeup',
  'override-holiday': 'localHoliday',
  'override-workday': 'localWorkday',
};
const COLOR: Record<Kind, string> = { holiday: 'red', makeup: 'blue', localHoliday: 'volcano', localWorkday: 'geekblue' };

function runsOf(days: Day[]): Run[] {
  const runs: Run[] = [];
  for (const d of days) {
    const kind = KIND_OF[d.reason];
    if (!kind) continue;
    const last = runs.at(-1);
    const name = d.name ?? '';
    if (last && last.kind === kind && last.name === name && dayjs(last.to).add(1, 'day').format('YYYY-MM-DD') === d.date) {
      last.to = d.date;
      last.days++;
    } else runs.push({ from: d.date, to: d.date, days: 1, kind, name });
  }
  return runs;
}

/**
 * The year's days off and make-up working days as the platform counts them (the State Council
 * notice — built in or entered — plus the city-wide local overrides), from GET /api/calendar/days.
 * The overrides table below lists only local changes, so a published year shows here, not there.
 */
export function CalendarYearDays({ year, years, onYear }: { year: number; years: number[]; onYear: (y: number) => void }) {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: ['calendar', 'days', year],
    queryFn: ({ signal }) => unwrap(api.GET('/api/calendar/days', { params: { query: { from: `${year}-01-01`, to: `${year}-12-31` } }, signal })),
  });
  return (
    <Card
      title={<h2 style={{ margin: 0, fontSize: '1.05em' }}>{t('admin.calendar.yearDays', { year })}</h2>}
      extra={
        <Select
          aria-label={t('admin.calendar.year')}
          style={{ width: 120 }}
          value={year}
          onChange={(v: number) => onYear(v)}
          options={years.map((y) => ({ value: y, label: String(y) }))}
        />
      }
      style={{ marginBottom: 16 }}
    >
      <QueryView query={q} isEmpty={() => false}>
        {(days) => (
          <>
            {days.some((d) => d.estimated) && <Typography.Paragraph type="secondary">{t('admin.calendar.estimatedYear', { year })}</Typography.Paragraph>}
            <Table<Run>
              rowKey="from"
              size="small"
              pagination={false}
              dataSource={runsOf(days)}
              scroll={{ x: 560 }}
              locale={{ emptyText: t('admin.calendar.noDays', { year }) }}
              columns={[
                {
                  title: t('admin.calendar.date'),
                  key: 'date',
                  render: (_, r) => <span className="mono">{r.from === r.to ? r.from : `${r.from} – ${r.to}`}</span>,
                },
                { title: t('admin.calendar.days'), key: 'days', dataIndex: 'days', width: 80 },
                {
                  title: t('admin.calendar.kind'),
                  key: 'kind',
                  width: 130,
                  render: (_, r) => <Tag color={COLOR[r.kind]}>{t(`admin.calendar.dayKinds.${r.kind}`)}</Tag>,
                },
                { title: t('admin.calendar.name'), key: 'name', dataIndex: 'name', render: (v: string) => <span lang="zh-CN">{v}</span> },
              ]}
            />
          </>
        )}
      </QueryView>
    </Card>
  );
}
