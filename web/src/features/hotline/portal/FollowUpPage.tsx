import { useId, useState } from 'react';
import { Alert, Button, Form, Input, Radio } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { isApiError } from '../../../api/errors';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { answerFollowUp } from '../api';
import '../hotline.css';

interface Values {
  solved: boolean;
  satisfaction: number;
  note?: string;
}

/** The page the follow-up SMS opens: two questions, big buttons, no sign-in (the link is the credential). */
export function FollowUpPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('hotline.portal.followUpTitle'));
  const { token = '' } = useParams();
  const satId = useId();
  const [done, setDone] = useState<string | null>(null);
  const send = useMutation({
    mutationFn: (v: Values) => answerFollowUp(token, { solved: v.solved, satisfaction: v.satisfaction, note: v.note?.trim() || null }),
    onSuccess: (r) => setDone(r.number),
  });
  const gone = isApiError(send.error) && send.error.status === 404;
  return (
    <div className="hl-portal">
      <h1>{t('hotline.portal.followUpTitle')}</h1>
      {done ? (
        <Alert type="success" showIcon role="status" title={t('hotline.portal.thanks', { number: done })} />
      ) : gone ? (
        <Alert type="warning" showIcon role="alert" title={t('hotline.portal.linkInvalid')} />
      ) : (
        <>
          <p>{t('hotline.portal.followUpIntro')}</p>
          <ProblemAlert error={send.error} />
          <Form<Values> name="hotline-follow-up" layout="vertical" size="large" onFinish={(v) => send.mutate(v)}>
            <Form.Item name="solved" label={t('hotline.portal.solvedQuestion')} rules={[{ required: true, message: t('validation.required') }]}>
              <Radio.Group
                optionType="button"
                options={[
                  { value: true, label: t('hotline.portal.yes') },
                  { value: false, label: t('hotline.portal.no') },
                ]}
              />
            </Form.Item>
            <Form.Item
              name="satisfaction"
              label={<span id={satId}>{t('hotline.portal.satisfactionQuestion')}</span>}
              rules={[{ required: true, message: t('validation.required') }]}
            >
              <Radio.Group
                aria-labelledby={satId}
                className="hl-rate"
                optionType="button"
                options={[5, 4, 3, 2, 1].map((n) => ({ value: n, label: t(`hotline.portal.sat${n}` as 'hotline.portal.sat1') }))}
              />
            </Form.Item>
            <Form.Item name="note" label={t('hotline.portal.noteLabel')}>
              <Input.TextArea rows={3} maxLength={1000} />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={send.isPending}>
              {t('hotline.portal.send')}
            </Button>
          </Form>
        </>
      )}
    </div>
  );
}

export default FollowUpPage;
