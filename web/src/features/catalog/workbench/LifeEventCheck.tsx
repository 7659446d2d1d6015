import { useState } from 'react';
import { Alert, Button, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { hasPermission, useMe } from '../../../api/auth';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { lifeEventActions, useLifeEventAction, type LifeEventChange, type LifeEventView } from '../life-events-api';

/**
 * The publication check as the server does it: the issues that refuse publishing, and what publishing
 * would change against the published version and the member guides in force (a member's newer guide,
 * a renamed material …). Publish (catalog reviewers) asks for a confirmation first.
 */
export function LifeEventCheck({ view, dirty }: { view: LifeEventView; dirty: boolean }) {
  const { t } = useTranslation();
  const me = useMe();
  const canReview = hasPermission(me.data, 'catalog.item.review');
  const [confirming, setConfirming] = useState(false);
  const w = view.working;
  const publish = useLifeEventAction(
    view.code,
    () => lifeEventActions.publish(view.code),
    (v) => t('catalog.lifeEvents.publishedOk', { version: v.publishedVersion ?? w.version }),
  );
  const ready = w.status === 'draft' && view.issues.length === 0 && !dirty;
  const nameOf = (key?: string) => (key ? (view.members.find((m) => m.key === key)?.name ?? key) : null);

  return (
    <section className="cat-section" aria-labelledby="le-check-title" data-testid="le-check">
      <h2 className="cat-subtitle" id="le-check-title">
        {t('catalog.lifeEvents.checkTitle')}
      </h2>
      {view.issues.length === 0 ? (
        <Alert type="success" showIcon title={t('catalog.lifeEvents.checkOk')} />
      ) : (
        <Alert
          type="warning"
          showIcon
          title={t('catalog.lifeEvents.checkIssues', { count: view.issues.length })}
          description={
            <ul className="le-list">
              {view.issues.map((i) => (
                <li key={`${i.code}-${i.path}`}>
                  {t(`catalog.lifeEvents.issue.${i.code as 'unknown_member'}`, { defaultValue: i.code })} <span className="mono">{i.path}</span>
                  {i.detail && (
                    <span className="mono" lang="zh-CN">
                      {' '}
                      {JSON.stringify(i.detail)}
                    </span>
                  )}
                </li>
              ))}
            </ul>
          }
        />
      )}
      {view.published && (
        <>
          <h3 className="cat-subtitle">{t('catalog.lifeEvents.changesTitle')}</h3>
          {view.changes.length === 0 ? (
            <p>{t('catalog.lifeEvents.noChanges')}</p>
          ) : (
            <ul className="le-list le-changes" data-testid="le-changes">
              {view.changes.map((c, i) => (
                <ChangeLine key={i} change={c} memberName={nameOf(c.member)} />
              ))}
            </ul>
          )}
        </>
      )}
      <ProblemAlert error={publish.error} />
      {!canReview && <p className="cat-hint">{t('catalog.lifeEvents.reviewerOnly')}</p>}
      {canReview && (
        <Button type="primary" disabled={!ready} onClick={() => setConfirming(true)}>
          {t('catalog.lifeEvents.publish')}
        </Button>
      )}
      <Modal
        open={confirming}
        title={t('catalog.lifeEvents.publishConfirm', { version: w.version })}
        okText={t('catalog.lifeEvents.publish')}
        okButtonProps={{ loading: publish.isPending }}
        onCancel={() => setConfirming(false)}
        onOk={() => publish.mutate(undefined, { onSettled: () => setConfirming(false) })}
        destroyOnHidden
      >
        <p>{t('catalog.lifeEvents.publishConfirmBody')}</p>
        {view.changes.length > 0 && (
          <ul className="le-list">
            {view.changes.map((c, i) => (
              <ChangeLine key={i} change={c} memberName={nameOf(c.member)} />
            ))}
          </ul>
        )}
      </Modal>
    </section>
  );
}

function ChangeLine({ change, memberName }: { change: LifeEventChange; memberName: string | null }) {
  const { t } = useTranslation();
  return (
    <li>
      <strong>{t(`catalog.lifeEvents.change.${change.what}`)}</strong>
      {memberName && <span lang="zh-CN"> · {memberName}</span>}
      {change.before !== null && (
        <div>
          {t('catalog.lifeEvents.before')}: <del lang="zh-CN">{change.before}</del>
        </div>
      )}
      {change.after !== null && (
        <div>
          {t('catalog.lifeEvents.after')}: <ins lang="zh-CN">{change.after}</ins>
        </div>
      )}
    </li>
  );
}
