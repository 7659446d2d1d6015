import { Alert, Button, Form, Input } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { isApiError } from '../../../api/errors';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { formatDateTime } from '../../../lib/dayjs';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { PHONE_RE, lookupPublicTicket } from '../api';
import { KindTag, StatusTag } from '../ui';
import '../hotline.css';

/** 诉求进度查询: anyone who left a request (signed in or not) follows it with its number and the phone they gave. */
export function LookupPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('hotline.lookup.title'));
  const [params] = useSearchParams();
  const look = useMutation({ mutationFn: (v: { number: string; phone: string }) => lookupPublicTicket({ number: v.number.trim(), phone: v.phone.trim() }) });
  const err = look.error;
  const r = look.data;
  return (
    <div className="hl-portal">
      <h1>{t('hotline.lookup.title')}</h1>
      <p>{t('hotline.lookup.intro')}</p>
      <Form
        name="hl-lookup"
        layout="vertical"
        size="large"
        initialValues={{ number: params.get('number') ?? '', phone: '' }}
        onFinish={(v: { number: string; phone: string }) => look.mutate(v)}
      >
        <Form.Item name="number" label={t('hotline.lookup.number')} rules={[{ required: true, whitespace: true, message: t('hotline.lookup.numberRequired') }]}>
          <Input maxLength={40} autoComplete="off" spellCheck={false} placeholder="RX…" />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('hotline.portal.yourPhone')}
          extra={t('hotline.lookup.phoneHint')}
          rules={[
            { required: true, message: t('hotline.portal.phoneRequired') },
            { pattern: PHONE_RE, message: t('hotline.intake.phoneInvalid') },
          ]}
        >
          <Input inputMode="tel" autoComplete="tel" maxLength={13} />
        </Form.Item>
        <Button type="primary" htmlType="submit" size="large" block loading={look.isPending}>
          {t('hotline.lookup.submit')}
        </Button>
      </Form>
      <div aria-live="polite" style={{ marginTop: 16 }}>
        {isApiError(err) && err.status === 404 ? (
          <Alert type="info" showIcon title={t('hotline.lookup.notFound')} description={t('hotline.lookup.notFoundHint')} data-testid="hl-lookup-none" />
        ) : (
          <ProblemAlert error={err} />
        )}
        {r && (
          <section className="hl-my-answer" data-testid="hl-lookup-result" aria-label={t('hotline.lookup.result')}>
            <h2 className="mono">{r.number}</h2>
            <div>
              <KindTag kind={r.kind} /> <StatusTag status={r.status} /> {r.categoryName && <span>{r.categoryName}</span>}
            </div>
            <p>{t('hotline.lookup.createdAt', { time: formatDateTime(r.createdAt) })}</p>
            {r.dueDate && !r.answer && r.status !== 'closed' && <p>{t('hotline.portal.submittedDue', { date: r.dueDate })}</p>}
            {r.answer ? (
              <>
                <h3>{t('hotline.portal.answer')}</h3>
                {r.answer.text && <p>{r.answer.text}</p>}
              </>
            ) : (
              <p className="hl-hint">{t('hotline.lookup.inProgress')}</p>
            )}
          </section>
        )}
      </div>
      <div className="hl-portal-links" style={{ marginTop: 16 }}>
        <Link to="/hotline/new">{t('hotline.portal.new')}</Link>
        <Link to="/hotline/mine">{t('hotline.portal.mine')}</Link>
      </div>
    </div>
  );
}

export default LookupPage;
