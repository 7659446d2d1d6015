// The guide editor's acceptance conditions and materials (one card per material).
import { Button, Card, Form, Input, InputNumber, Select, Space, Switch } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { removeButton, section, useEditorLabels } from './guide-editor-parts';

/** Acceptance conditions, one text each (at least one). */
export function GuideConditionsSection() {
  const { t, f, e, req } = useEditorLabels();
  return section(
    'conditions',
    f('acceptanceConditions'),
    <Form.List name="acceptanceConditions">
      {(fields, { add, remove }) => (
        <>
          {fields.map((field, i) => (
            <Space.Compact key={field.key} block style={{ marginBottom: 8 }}>
              <Form.Item name={field.name} noStyle rules={req}>
                <Input.TextArea aria-label={t('catalog.editor.conditionN', { index: i + 1 })} autoSize maxLength={1000} />
              </Form.Item>
              {fields.length > 1 && removeButton(t('catalog.editor.remove', { what: `${f('acceptanceConditions')} ${i + 1}` }), () => remove(field.name))}
            </Space.Compact>
          ))}
          <Button icon={<PlusOutlined />} onClick={() => add('')}>
            {e('addCondition')}
          </Button>
        </>
      )}
    </Form.List>,
  );
}

/** Materials: name, source (applicant / government / commitment), form, copies, required, source note. */
export function GuideMaterialsSection() {
  const { t, f, req } = useEditorLabels();
  return section(
    'materials',
    t('catalog.workbench.materials'),
    <Form.List name="materials">
      {(fields, { add, remove }) => (
        <div className="cat-editor-materials">
          {fields.map((field, i) => (
            <Card
              key={field.key}
              size="small"
              title={t('catalog.workbench.materialN', { index: i + 1 })}
              extra={removeButton(t('catalog.workbench.removeMaterial', { index: i + 1 }), () => remove(field.name))}
              style={{ marginBottom: 12 }}
            >
              <Form.Item name={[field.name, 'name']} label={t('catalog.workbench.materialName')} rules={req}>
                <Input maxLength={200} />
              </Form.Item>
              <Space wrap size={16} align="start">
                <Form.Item name={[field.name, 'source']} label={t('catalog.workbench.materialSource')} rules={req}>
                  <Select
                    style={{ width: 300 }}
                    options={(['applicant', 'government', 'commitment'] as const).map((s) => ({ value: s, label: t(`catalog.guide.source.${s}`) }))}
                  />
                </Form.Item>
                <Form.Item name={[field.name, 'form']} label={t('catalog.workbench.materialForm')} rules={req}>
                  <Select
                    style={{ width: 160 }}
                    options={(['original', 'copy', 'original_and_copy', 'electronic'] as const).map((s) => ({
                      value: s,
                      label: t(`catalog.guide.form.${s}`),
                    }))}
                  />
                </Form.Item>
                <Form.Item name={[field.name, 'copies']} label={t('catalog.workbench.materialCopies')}>
                  <InputNumber min={0} max={99} style={{ width: 90 }} />
                </Form.Item>
                <Form.Item name={[field.name, 'required']} label={t('catalog.workbench.materialRequired')} valuePropName="checked">
                  <Switch />
                </Form.Item>
              </Space>
              <Form.Item name={[field.name, 'sourceNote']} label={f('sourceNote')}>
                <Input maxLength={200} />
              </Form.Item>
            </Card>
          ))}
          <Button icon={<PlusOutlined />} onClick={() => add({ name: '', form: 'original', copies: 1, required: true, source: 'applicant' })}>
            {t('catalog.workbench.addMaterial')}
          </Button>
        </div>
      )}
    </Form.List>,
  );
}
