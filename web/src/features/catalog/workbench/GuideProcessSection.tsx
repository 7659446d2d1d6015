// The guide editor's process: steps, special procedures and intermediary services.
import { Button, Card, Form, Input, InputNumber, Space } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { removeButton, section, useEditorLabels } from './guide-editor-parts';

/** Process steps (at least one), special procedures with their limits, intermediary services. */
export function GuideProcessSection() {
  const { t, f, e, req } = useEditorLabels();
  return section(
    'process',
    f('process'),
    <>
      <Form.List name="process">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, i) => (
              <Card
                key={field.key}
                size="small"
                title={`${f('step')} ${i + 1}`}
                extra={fields.length > 1 && removeButton(t('catalog.editor.remove', { what: `${f('step')} ${i + 1}` }), () => remove(field.name))}
                style={{ marginBottom: 12 }}
              >
                <Space wrap size={16} align="start">
                  <Form.Item name={[field.name, 'step']} label={f('step')} rules={req}>
                    <Input maxLength={50} style={{ width: 200 }} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'limitDays']} label={`${f('limitDays')} (${e('workingDays')})`}>
                    <InputNumber min={0} max={3650} style={{ width: 120 }} />
                  </Form.Item>
                </Space>
                <Form.Item name={[field.name, 'description']} label={f('description')} rules={req}>
                  <Input.TextArea autoSize maxLength={1000} />
                </Form.Item>
              </Card>
            ))}
            <Button icon={<PlusOutlined />} onClick={() => add({ step: '', description: '' })}>
              {e('addStep')}
            </Button>
          </>
        )}
      </Form.List>
      <h4>{f('specialProcedures')}</h4>
      <Form.List name="specialProcedures">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, i) => (
              <Space key={field.key} wrap align="start">
                <Form.Item name={[field.name, 'name']} label={f('name')} rules={req}>
                  <Input maxLength={100} style={{ width: 200 }} />
                </Form.Item>
                <Form.Item name={[field.name, 'limitDays']} label={f('limitDays')} rules={[{ required: true, message: t('validation.required') }]}>
                  <InputNumber min={0} max={3650} style={{ width: 100 }} />
                </Form.Item>
                <Form.Item name={[field.name, 'note']} label={f('description')}>
                  <Input maxLength={500} style={{ width: 260 }} />
                </Form.Item>
                {removeButton(t('catalog.editor.remove', { what: `${f('specialProcedures')} ${i + 1}` }), () => remove(field.name))}
              </Space>
            ))}
            <div>
              <Button icon={<PlusOutlined />} onClick={() => add({ name: '', limitDays: 0 })}>
                {e('addSpecial')}
              </Button>
            </div>
          </>
        )}
      </Form.List>
      <h4>{f('intermediaryServices')}</h4>
      <Form.List name="intermediaryServices">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, i) => (
              <Space.Compact key={field.key} block style={{ marginBottom: 8 }}>
                <Form.Item name={field.name} noStyle>
                  <Input aria-label={`${f('intermediaryServices')} ${i + 1}`} maxLength={200} />
                </Form.Item>
                {removeButton(t('catalog.editor.remove', { what: `${f('intermediaryServices')} ${i + 1}` }), () => remove(field.name))}
              </Space.Compact>
            ))}
            <Button icon={<PlusOutlined />} onClick={() => add('')}>
              {e('addIntermediary')}
            </Button>
          </>
        )}
      </Form.List>
    </>,
  );
}
