import { useEffect, useState } from 'react';
import { Alert, Button, Form, Input, InputNumber, Select, Space } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { FieldError } from '../../../api/errors';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { applyServerErrors } from '../../../lib/form-errors';
import { lifeEventActions, useLifeEventAction, type LifeEventDefinition, type LifeEventView } from '../life-events-api';
import { LifeEventCheck } from './LifeEventCheck';

type Member = LifeEventDefinition['members'][number];
interface Values {
  definition: Pick<LifeEventDefinition, 'name' | 'summary' | 'promisedLimitDays'> & { members: Member[] };
  changeNote?: string;
}

/**
 * The draft of a bundle: name, description, promised limit and the members (their order, what each
 * waits for, what a refusal stops). The rest of the definition (the bundle's guide, shared fields,
 * material mappings) is sent back as it is. The server checks: a 400 puts its messages on the fields;
 * a saved draft's check issues are shown on the members they name and in the publication check below.
 */
export function LifeEventDraftForm({ view }: { view: LifeEventView }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [dirty, setDirty] = useState(false);
  const [leftover, setLeftover] = useState<FieldError[]>([]);
  const def = view.working.definition;
  const save = useLifeEventAction(
    view.code,
    (v: Values) =>
      lifeEventActions.saveDraft(view.code, {
        departmentId: view.departmentId,
        definition: { ...def, ...v.definition },
        changeNote: v.changeNote?.trim() || undefined,
      }),
    () => t('catalog.lifeEvents.saved'),
  );
  const members = Form.useWatch(['definition', 'members'], form) ?? def.members;

  // The check's issues on the member fields they name (members.1.dependsOn.0 → that member's 等待).
  useEffect(() => {
    const byField = new Map<string, string[]>();
    for (const i of view.issues) {
      const m = /^members\.(\d+)\.(key|implementationCode|dependsOn|onRefusedStop)/.exec(i.path);
      if (!m) continue;
      const k = `${m[1]}.${m[2]}`;
      byField.set(k, [...(byField.get(k) ?? []), t(`catalog.lifeEvents.issue.${i.code as 'unknown_member'}`, { defaultValue: i.code })]);
    }
    form.setFields(
      [...byField].map(([k, warnings]) => {
        const [index, field] = k.split('.') as [string, 'key' | 'implementationCode' | 'dependsOn' | 'onRefusedStop'];
        return { name: ['definition', 'members', Number(index), field] as const, warnings };
      }),
    );
  }, [view.issues, form, t]);

  const onFinish = () => {
    setLeftover([]);
    const values = form.getFieldsValue(true) as Values;
    save.mutate(values, { onError: (e) => setLeftover(applyServerErrors(form, e, ['definition', 'changeNote'])) });
  };
  const nameOf = (m: Member | undefined) => (m ? view.members.find((x) => x.key === m.key && x.implementationCode === m.implementationCode) : undefined);

  return (
    <>
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{
          definition: { name: def.name, summary: def.summary, promisedLimitDays: def.promisedLimitDays, members: def.members },
          changeNote: view.working.status === 'draft' ? (view.working.changeNote ?? '') : '',
        }}
        onValuesChange={() => setDirty(true)}
        onFinish={onFinish}
        className="le-form"
        aria-labelledby="le-draft-title"
      >
        <ProblemAlert error={save.error} leftover={leftover} />
        <Form.Item name={['definition', 'name']} label={t('catalog.lifeEvents.name')}>
          <Input lang="zh-CN" maxLength={100} />
        </Form.Item>
        <Form.Item name={['definition', 'summary']} label={t('catalog.lifeEvents.summary')}>
          <Input.TextArea lang="zh-CN" rows={3} />
        </Form.Item>
        <Form.Item name={['definition', 'promisedLimitDays']} label={t('catalog.lifeEvents.promisedLimit')}>
          <InputNumber min={0} max={3650} />
        </Form.Item>
        <h3 className="cat-subtitle">{t('catalog.lifeEvents.members')}</h3>
        <Form.List name={['definition', 'members']}>
          {(fields, { add, remove, move }, { errors }) => (
            <>
              {fields.map((field, index) => {
                const m = members[field.name];
                const found = nameOf(m);
                const others = members.filter((_, i) => i !== field.name && _?.key).map((x) => ({ value: x.key, label: x.key }));
                const n = index + 1;
                return (
                  <fieldset key={field.key} className="le-member" data-testid={`le-member-${index}`}>
                    <legend>{t('catalog.lifeEvents.memberN', { index: n })}</legend>
                    <p className="le-member-name">
                      {found?.name ? (
                        <span lang="zh-CN">
                          {found.name} · {found.departmentName} · v{found.guideVersion}
                        </span>
                      ) : (
                        <span className="cat-hint">{t('catalog.lifeEvents.unknownItem')}</span>
                      )}
                    </p>
                    <div className="le-member-grid">
                      <Form.Item name={[field.name, 'key']} label={t('catalog.lifeEvents.memberKey')}>
                        <Input className="mono" maxLength={20} />
                      </Form.Item>
                      <Form.Item name={[field.name, 'implementationCode']} label={t('catalog.lifeEvents.implementationCode')}>
                        <Input className="mono" maxLength={31} />
                      </Form.Item>
                      <Form.Item name={[field.name, 'dependsOn']} label={t('catalog.lifeEvents.dependsOn')}>
                        <Select mode="multiple" options={others} allowClear />
                      </Form.Item>
                      <Form.Item name={[field.name, 'onRefusedStop']} label={t('catalog.lifeEvents.onRefusedStop')}>
                        <Select mode="multiple" options={others} allowClear />
                      </Form.Item>
                    </div>
                    <Space wrap>
                      <Button
                        icon={<ArrowUpOutlined />}
                        disabled={index === 0}
                        onClick={() => move(index, index - 1)}
                        aria-label={t('catalog.lifeEvents.moveUp', { index: n })}
                      />
                      <Button
                        icon={<ArrowDownOutlined />}
                        disabled={index === fields.length - 1}
                        onClick={() => move(index, index + 1)}
                        aria-label={t('catalog.lifeEvents.moveDown', { index: n })}
                      />
                      <Button icon={<DeleteOutlined />} danger onClick={() => remove(index)} aria-label={t('catalog.lifeEvents.remove', { index: n })} />
                    </Space>
                  </fieldset>
                );
              })}
              <Form.ErrorList errors={errors} />
              <Button icon={<PlusOutlined />} onClick={() => add({ key: '', implementationCode: '', dependsOn: [], onRefusedStop: [] })}>
                {t('catalog.lifeEvents.addMember')}
              </Button>
            </>
          )}
        </Form.List>
        <p className="cat-hint le-other">{t('catalog.lifeEvents.otherParts')}</p>
        <Form.Item name="changeNote" label={t('catalog.lifeEvents.changeNote')}>
          <Input.TextArea lang="zh-CN" rows={2} maxLength={500} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {t('catalog.lifeEvents.save')}
        </Button>
      </Form>
      {dirty && <Alert type="info" showIcon title={t('catalog.lifeEvents.unsaved')} style={{ marginTop: 12 }} />}
      <LifeEventCheck view={view} dirty={dirty} />
    </>
  );
}
