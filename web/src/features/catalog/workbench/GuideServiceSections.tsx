// The guide editor's remaining sections: fees, places and phones, result and delivery, FAQ, review rules.
import { Button, Card, Checkbox, Form, Input, Select, Space } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { feeCatalog } from '../api';
import { removeButton, section, useEditorLabels } from './guide-editor-parts';

/** Fees, chosen from the fee catalog (expired fees shown but not selectable). */
export function GuideFeesSection() {
  const { t, f, e, req } = useEditorLabels();
  const fees = useQuery({ queryKey: ['catalog', 'fee-catalog'], queryFn: ({ signal }) => feeCatalog(signal), staleTime: 60_000 });
  return section(
    'fees',
    f('fees'),
    <>
      <p className="cat-hint">{e('feesHint')}</p>
      <Form.List name="fees">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, i) => (
              <Space key={field.key} wrap align="start">
                <Form.Item name={[field.name, 'feeCode']} label={e('fee')} rules={req}>
                  <Select
                    style={{ width: 320 }}
                    loading={fees.isPending}
                    showSearch={{ optionFilterProp: 'label' }}
                    options={(fees.data ?? []).map((x) => ({ value: x.code, label: `${x.name} (${x.code})`, disabled: !x.effective }))}
                  />
                </Form.Item>
                <Form.Item name={[field.name, 'note']} label={e('feeNote')}>
                  <Input maxLength={500} style={{ width: 260 }} />
                </Form.Item>
                {removeButton(t('catalog.editor.remove', { what: `${f('fees')} ${i + 1}` }), () => remove(field.name))}
              </Space>
            ))}
            <div>
              <Button icon={<PlusOutlined />} onClick={() => add({ feeCode: undefined })}>
                {e('addFee')}
              </Button>
            </div>
          </>
        )}
      </Form.List>
    </>,
  );
}

/** Places (at least one) and the inquiry and complaint phones. */
export function GuidePlacesSection() {
  const { t, f, e, req } = useEditorLabels();
  return section(
    'places',
    f('places'),
    <>
      <Form.List name="places">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, i) => (
              <Card
                key={field.key}
                size="small"
                title={`${f('places')} ${i + 1}`}
                extra={fields.length > 1 && removeButton(t('catalog.editor.remove', { what: `${f('places')} ${i + 1}` }), () => remove(field.name))}
                style={{ marginBottom: 12 }}
              >
                <Form.Item name={[field.name, 'name']} label={f('name')} rules={req}>
                  <Input maxLength={200} />
                </Form.Item>
                <Form.Item name={[field.name, 'address']} label={e('address')} rules={req}>
                  <Input maxLength={300} />
                </Form.Item>
                <Space wrap size={16} align="start">
                  <Form.Item name={[field.name, 'window']} label={t('catalog.guide.window')}>
                    <Input maxLength={100} style={{ width: 220 }} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'hours']} label={t('catalog.guide.hours')} rules={req}>
                    <Input maxLength={200} style={{ width: 300 }} />
                  </Form.Item>
                </Space>
              </Card>
            ))}
            <Button icon={<PlusOutlined />} onClick={() => add({ name: '', address: '', hours: '' })}>
              {e('addPlace')}
            </Button>
          </>
        )}
      </Form.List>
      <Space wrap size={16} align="start" style={{ marginTop: 12 }}>
        <Form.Item name={['phones', 'inquiry']} label={t('catalog.guide.inquiry')} rules={req}>
          <Input maxLength={50} inputMode="tel" style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name={['phones', 'complaint']} label={t('catalog.guide.complaint')} rules={req}>
          <Input maxLength={50} inputMode="tel" style={{ width: 200 }} />
        </Form.Item>
      </Space>
    </>,
  );
}

/** The result document and the delivery modes. */
export function GuideResultSection() {
  const { t, f, e, req } = useEditorLabels();
  return section(
    'result',
    `${f('result')} · ${f('delivery')}`,
    <>
      <Space wrap size={16} align="start">
        <Form.Item name={['result', 'name']} label={e('resultName')} rules={req}>
          <Input maxLength={200} style={{ width: 280 }} />
        </Form.Item>
        <Form.Item name={['result', 'type']} label={e('resultType')} rules={req}>
          <Select
            style={{ width: 180 }}
            options={(['certificate', 'approval', 'filing', 'confirmation', 'payment', 'other'] as const).map((v) => ({
              value: v,
              label: e(`resultTypes.${v}`),
            }))}
          />
        </Form.Item>
      </Space>
      <Form.Item name={['result', 'sampleUrl']} label={e('resultSample')}>
        <Input maxLength={500} inputMode="url" />
      </Form.Item>
      <Form.Item name="delivery" label={f('delivery')} rules={[{ required: true, type: 'array', min: 1, message: t('validation.required') }]}>
        <Checkbox.Group options={(['pickup', 'post', 'electronic'] as const).map((v) => ({ value: v, label: t(`catalog.guide.deliveryMode.${v}`) }))} />
      </Form.Item>
    </>,
  );
}

/** Questions and answers shown on the public guide. */
export function GuideFaqSection() {
  const { t, f, e, req } = useEditorLabels();
  return section(
    'faq',
    f('faq'),
    <Form.List name="faq">
      {(fields, { add, remove }) => (
        <>
          {fields.map((field, i) => (
            <Card
              key={field.key}
              size="small"
              title={`${f('faq')} ${i + 1}`}
              extra={removeButton(t('catalog.editor.remove', { what: `${f('faq')} ${i + 1}` }), () => remove(field.name))}
              style={{ marginBottom: 12 }}
            >
              <Form.Item name={[field.name, 'question']} label={e('question')} rules={req}>
                <Input maxLength={500} />
              </Form.Item>
              <Form.Item name={[field.name, 'answer']} label={e('answer')} rules={req}>
                <Input.TextArea autoSize maxLength={2000} />
              </Form.Item>
            </Card>
          ))}
          <Button icon={<PlusOutlined />} onClick={() => add({ question: '', answer: '' })}>
            {e('addFaq')}
          </Button>
        </>
      )}
    </Form.List>,
  );
}

/** Review rules: internal, never shown on the public guide. */
export function GuideReviewSection() {
  const { f, e } = useEditorLabels();
  return section(
    'review',
    f('reviewRules'),
    <Form.Item name="reviewRules" label={e('reviewRulesHint')}>
      <Input.TextArea autoSize={{ minRows: 3 }} maxLength={5000} />
    </Form.Item>,
  );
}
