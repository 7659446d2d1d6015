import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useListParams } from '../../../admin/ui/list-params';
import { QueryView } from '../../../components/PageState';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { usePublicBadReviews, usePublicSummary, type PublicBadReview, type SummaryRow } from '../api';
import { levelColor, statusColor } from '../labels';
import '../evaluation.css';
import { PagedList } from '../../../components/PagedList';

type LevelKey = 'evaluation.level.1';
type TagKey = 'evaluation.tag.other';
type StatusKey = 'evaluation.status.open';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** 好差评公示: satisfaction by department, by item and by service window, and bad reviews with their rectification (no personal data). */
export function PublicEvaluationPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('evaluation.public.title'));
  const summary = usePublicSummary();
  return (
    <div className="ev-page">
      <h1>{t('evaluation.public.title')}</h1>
      <p>{t('evaluation.public.intro')}</p>
      <QueryView query={summary} isEmpty={(s) => s.total === 0} empty={<p>{t('evaluation.public.empty')}</p>}>
        {(s) => (
          <>
            <div className="ev-figures">
              <div className="ev-figure">
                <span>{t('evaluation.public.total')}</span>
                <strong>{s.total}</strong>
              </div>
              <div className="ev-figure" title={t('evaluation.public.satisfactionHint')}>
                <span>{t('evaluation.public.satisfaction')}</span>
                <strong>{pct(s.satisfaction)}</strong>
              </div>
            </div>
            <h2>{t('evaluation.public.byDepartment')}</h2>
            <SummaryTable rows={s.departments} nameLabel={t('evaluation.public.department')} />
            <h2>{t('evaluation.public.byItem')}</h2>
            <SummaryTable rows={s.items} nameLabel={t('evaluation.public.item')} withDepartment />
            <h2>{t('evaluation.public.byWindow')}</h2>
            {s.windows.length ? <SummaryTable rows={s.windows} nameLabel={t('evaluation.public.window')} /> : <p>{t('evaluation.public.noWindows')}</p>}
          </>
        )}
      </QueryView>
      <BadReviews />
    </div>
  );
}

function SummaryTable({ rows, nameLabel, withDepartment }: { rows: SummaryRow[]; nameLabel: string; withDepartment?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="ev-table-wrap">
      <table className="ev-table">
        <thead>
          <tr>
            <th scope="col">{nameLabel}</th>
            <th scope="col" className="num">
              {t('evaluation.public.count')}
            </th>
            <th scope="col" className="num">
              {t('evaluation.public.average')}
            </th>
            <th scope="col" className="num">
              {t('evaluation.public.satisfaction')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <td lang="zh-CN">
                {r.name}
                {withDepartment && <div className="ev-sub">{r.departmentName}</div>}
              </td>
              <td className="num">{r.total}</td>
              <td className="num">{r.average.toFixed(2)}</td>
              <td className="num">{pct(r.satisfaction)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function BadReviews() {
  const { t } = useTranslation();
  const list = useListParams();
  const reviews = usePublicBadReviews({ page: list.page, pageSize: 10 });
  return (
    <section aria-labelledby="ev-bad">
      <h2 id="ev-bad">{t('evaluation.public.badReviews')}</h2>
      <PagedList
        query={reviews}
        empty={<p>{t('evaluation.public.noBadReviews')}</p>}
        listClassName="ev-list"
        pagerLabel={t('evaluation.public.pagination')}
        page={list.page}
        onPage={(p) => list.update({ page: p })}
      >
        {(r) => <BadReview key={r.id} review={r} />}
      </PagedList>
    </section>
  );
}

function BadReview({ review: r }: { review: PublicBadReview }) {
  const { t } = useTranslation();
  const rect = r.rectification;
  return (
    <li className="ev-item">
      <h3 lang="zh-CN">
        {r.itemName} · {r.departmentName}
      </h3>
      <p>
        <Tag color={levelColor[r.level]}>{t(`evaluation.level.${r.level}` as LevelKey)}</Tag>
        {r.tags.map((tag) => (
          <Tag key={tag}>{t(`evaluation.tag.${tag}` as TagKey)}</Tag>
        ))}
        <span>{r.ratedOn}</span>
      </p>
      {r.comment && <p lang="zh-CN">{r.comment}</p>}
      {rect && (
        <dl className="ev-meta">
          <dt>{t('evaluation.card.rectification')}</dt>
          <dd>
            <Tag color={statusColor[rect.status]}>{t(`evaluation.status.${rect.status}` as StatusKey)}</Tag>
            {!rect.measures && t('evaluation.public.notRectified', { date: rect.dueOn })}
          </dd>
          {rect.measures && [
            <dt key="m-t">{t('evaluation.card.measures')}</dt>,
            <dd key="m-d" lang="zh-CN">
              {rect.measures}
            </dd>,
          ]}
          {rect.reviewerLevel && [
            <dt key="r-t">{t('evaluation.wb.reviewerRating')}</dt>,
            <dd key="r-d">{t(`evaluation.level.${rect.reviewerLevel}` as LevelKey)}</dd>,
          ]}
        </dl>
      )}
    </li>
  );
}

export default PublicEvaluationPage;
