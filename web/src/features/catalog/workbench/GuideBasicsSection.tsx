// The guide editor's first section: time limits, visits, online depth, flags, handling mode and power source.
import { Checkbox, Form, Input, InputNumber, Select, Space, Switch } from 'antd';
import { section, useEditorLabels } from './guide-editor-parts';

/** Time limits, visits, online depth, the 即办/网办/一次办 flags, handling mode, power source, scope and URL. */
export function GuideBasicsSection() {
  const { t, f, e, req } = useEditorLabels();
  return section(
    'basics',
    e('basics'),
    <>
      <Space wrap size={16} align="start">
        <Form.Item name="processingType" label={f('processingType')} rules={req}>
          <Select
            style={{ width: 180 }}
            options={[
              { value: 'instant', label: t('catalog.guide.instant') },
              { value: 'promised', label: t('catalog.guide.promisedType') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="statutoryLimitDays"
          label={`${f('statutoryLimitDays')} (${e('workingDays')})`}
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <InputNumber min={0} max={3650} style={{ width: 140 }} />
        </Form.Item>
        <Form.Item
          name="promisedLimitDays"
          label={`${f('promisedLimitDays')} (${e('workingDays')})`}
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <InputNumber min={0} max={3650} style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="visitsRequired" label={f('visitsRequired')} rules={[{ required: true, message: t('validation.required') }]}>
          <InputNumber min={0} max={10} style={{ width: 110 }} />
        </Form.Item>
      </Space>
      <Form.Item name="statutoryLimitNote" label={f('statutoryLimitNote')}>
        <Input maxLength={500} />
      </Form.Item>
      <Form.Item name="promisedLimitNote" label={f('promisedLimitNote')}>
        <Input maxLength={500} />
      </Form.Item>
      <Form.Item name="onsiteReason" label={f('onsiteReason')}>
        <Input maxLength={500} />
      </Form.Item>
      <Form.Item name="onlineDepth" label={f('onlineDepth')}>
        <Checkbox.Group
          options={[1, 2, 3, 4, 5, 6, 7, 8].map((d) => ({ value: d, label: `${d} ${t(`catalog.editor.depth.${d}` as 'catalog.editor.depth.1')}` }))}
        />
      </Form.Item>
      <Space wrap size={24}>
        {(['doNow', 'doOnline', 'doInOneVisit', 'supportsAppointment', 'supportsOnlinePayment'] as const).map((k) => (
          <Form.Item key={k} name={k} label={f(k)} valuePropName="checked">
            <Switch />
          </Form.Item>
        ))}
      </Space>
      <Space wrap size={16} align="start">
        <Form.Item name="handlingMode" label={f('handlingMode')}>
          <Select
            style={{ width: 160 }}
            options={(['self', 'preliminary', 'joint', 'forward'] as const).map((v) => ({ value: v, label: e(`handlingMode.${v}`) }))}
          />
        </Form.Item>
        <Form.Item name="powerSource" label={f('powerSource')}>
          <Select
            style={{ width: 200 }}
            options={(['statutory', 'delegated', 'authorized_higher', 'authorized_peer', 'entrusted_higher', 'entrusted_peer'] as const).map((v) => ({
              value: v,
              label: e(`powerSource.${v}`),
            }))}
          />
        </Form.Item>
      </Space>
      <Form.Item name="serviceScope" label={f('serviceScope')}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="onlineUrl" label={f('onlineUrl')}>
        <Input maxLength={500} inputMode="url" />
      </Form.Item>
    </>,
  );
}
