import { Pagination, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { AdminPage } from '../../../admin/ui/AdminPage';
import { useListParams } from '../../../admin/ui/list-params';
import { QueryView } from '../../../components/PageState';
import { useMyStaffEvaluations } from '../api';
import { levelColor, dimensionsInOrder } from '../labels';
import '../evaluation.css';

type LevelKey = 'evaluation.level.1';
type DimKey = 'evaluation.dimension.overall';
type TagKey = 'evaluation.tag.other';

/** 我的评价: the evaluations of the cases the signed-in staff member accepted or handled. */
export function MyEvaluationsPage() {
  const { t } = useTranslation();
  const list = useListParams();
  const q = useMyStaffEvaluations({ page: list.page, pageSize: list.pageSize });
  return (
    <AdminPage title={t('evaluation.mine.title')}>
      <p>{t('evaluation.mine.intro')}</p>
      <QueryView query={q} isEmpty={(d) => d.items.length === 0} empty={<p>{t('evaluation.mine.empty')}</p>}>
        {(page) => (
          <>
            <ul className="ev-list">
              {page.items.map((e) => (
                <li key={e.id} className="ev-item">
                  <h2>
                    <span lang="zh-CN">{e.itemName}</span> <span className="mono">{e.caseNo}</span>
                  </h2>
                  <p>
                    <Tag color={levelColor[e.level]}>{t(`evaluation.level.${e.level}` as LevelKey)}</Tag>
                    {e.tags.map((tag) => (
                      <Tag key={tag}>{t(`evaluation.tag.${tag}` as TagKey)}</Tag>
                    ))}
                    {e.annulled && <Tag>{t('evaluation.status.annulled')}</Tag>}
                    <span>{e.ratedOn}</span>
                  </p>
                  <dl className="ev-meta">
                    {dimensionsInOrder(e.dimensions).map(([d, n]) => [
                      <dt key={`${d}-t`}>{t(`evaluation.dimension.${d}` as DimKey)}</dt>,
                      <dd key={`${d}-d`}>{t(`evaluation.level.${n}` as LevelKey)}</dd>,
                    ])}
                  </dl>
                  {e.comment && <p lang="zh-CN">{e.comment}</p>}
                </li>
              ))}
            </ul>
            {page.total > page.pageSize && (
              <Pagination
                style={{ marginTop: 16 }}
                simple
                current={list.page}
                pageSize={list.pageSize}
                total={page.total}
                onChange={(p) => list.update({ page: p })}
              />
            )}
          </>
        )}
      </QueryView>
    </AdminPage>
  );
}

export default MyEvaluationsPage;
