import { useMemo, useState } from 'react';
import { Alert, Button, Card, Form, List, Tag, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { useMe } from '../../api/auth';
import { ErrorState, PageLoading } from '../../components/PageState';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useDocumentTitle } from '../../lib/use-document-title';
import type { Material } from '../catalog/api';
import { FormFields, type ApplicationForm } from '../cases/form';
import { MaterialsEditor, materialsBody, type MaterialChoices } from '../cases/materials';
import { submitBundle, useLifeEvent, type LifeEvent } from './api';
import { DeliveryChoice, useDeliveryChoice } from './DeliveryChoice';
import { ReductionsTable } from './parts';

/** The combined material list as guide materials, for the materials editor (only what is asked). */
function askedMaterials(doc: LifeEvent): Material[] {
  return doc.materials
    .filter((m) => m.asked)
    .map((m) => ({ name: m.name, form: 'original', copies: 1, required: true, source: m.provision === 'commitment' ? 'commitment' : 'applicant' }) as Material);
}

/** One bundle: its members (what waits for what), one material list, the reductions, and one application. */
export function LifeEventPage() {
  const { code = '' } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useMe();
  const doc = useLifeEvent(code);
  useDocumentTitle(doc.data?.name);
  const [form] = Form.useForm();
  const [choices, setChoices] = useState<MaterialChoices>({});
  const [key] = useState(() => crypto.randomUUID());
  const materials = useMemo(() => (doc.data ? askedMaterials(doc.data) : []), [doc.data]);
  const delivery = useDeliveryChoice('separate');
  const submit = useMutation({
    mutationFn: async () => {
      const formData = (await form.validateFields()) as Record<string, unknown>;
      return submitBundle(code, { formData, materials: materialsBody(materials, choices), resultDelivery: delivery.body }, key);
    },
    onSuccess: (b) => navigate(`/life-events/applications/${b.bundleNo}`),
  });
  if (doc.isPending) return <PageLoading />;
  if (doc.isError) return <ErrorState error={doc.error} onRetry={() => void doc.refetch()} />;
  const d = doc.data;
  const nameOf = (k: string) => d.members.find((m) => m.key === k)?.name ?? k;
  const signedIn = !!me.data;
  return (
    <div style={{ maxWidth: 960, margin: '0 auto', padding: 16 }}>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        <span lang="zh">{d.name}</span>
      </Typography.Title>
      <Typography.Paragraph lang="zh">{d.summary}</Typography.Paragraph>
      <Typography.Paragraph strong>{t('lifeEvents.promised', { days: d.promisedLimitDays })}</Typography.Paragraph>
      <Card title={t('lifeEvents.members')} style={{ marginBottom: 16 }}>
        <List
          dataSource={d.members}
          renderItem={(m) => (
            <List.Item>
              <List.Item.Meta
                title={<span lang="zh">{m.name}</span>}
                description={
                  <>
                    <span lang="zh">{m.departmentName}</span> ·{' '}
                    {m.dependsOn.length ? t('lifeEvents.waitsFor', { names: m.dependsOn.map(nameOf).join('、') }) : t('lifeEvents.parallel')}
                  </>
                }
              />
            </List.Item>
          )}
        />
      </Card>
      <Card title={t('lifeEvents.reductions')} style={{ marginBottom: 16 }}>
        <div style={{ overflowX: 'auto' }}>
          <ReductionsTable r={d.reductions} />
        </div>
      </Card>
      <Card title={t('lifeEvents.materialList')} style={{ marginBottom: 16 }}>
        <List
          dataSource={d.materials}
          renderItem={(m) => (
            <List.Item>
              <span lang="zh">{m.name}</span>{' '}
              {m.asked ? (
                <Tag color="blue">{m.provision === 'commitment' ? t('lifeEvents.commitment') : t('lifeEvents.asked')}</Tag>
              ) : (
                <Tag color="green">
                  {m.provision === 'from_result' ? t('lifeEvents.fromResult', { name: nameOf(m.fromMember ?? '') }) : t('lifeEvents.shared')}
                </Tag>
              )}
            </List.Item>
          )}
        />
      </Card>
      <Card title={t('lifeEvents.apply')}>
        {!signedIn ? (
          <Button type="primary" onClick={() => navigate(`/login?next=${encodeURIComponent(`/life-events/${code}`)}`)}>
            {t('lifeEvents.apply')}
          </Button>
        ) : (
          <>
            <Typography.Title level={2} style={{ fontSize: 18 }}>
              {t('lifeEvents.form')}
            </Typography.Title>
            <Form form={form} name="le-apply" layout="vertical">
              <FormFields form={d.combinedForm as ApplicationForm} prefill={{}} />
            </Form>
            <Typography.Title level={2} style={{ fontSize: 18 }}>
              {t('lifeEvents.materialList')}
            </Typography.Title>
            <MaterialsEditor materials={materials} choices={choices} onChange={setChoices} />
            <DeliveryChoice choice={delivery} separate newTab heading />
            {submit.isError && <ProblemAlert error={submit.error} />}
            {submit.isSuccess && <Alert type="success" message={t('lifeEvents.submitted')} />}
            <Button type="primary" block disabled={!delivery.complete} loading={submit.isPending} onClick={() => submit.mutate()} style={{ marginTop: 16 }}>
              {t('lifeEvents.submit')}
            </Button>
          </>
        )}
      </Card>
    </div>
  );
}
