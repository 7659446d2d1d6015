// Small pieces every section of the guide editor uses: label helpers, the section frame, the remove button.
import { Button } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

const required = (message: string) => [{ required: true, whitespace: true, message }];

/** `f`: a guide field's label; `e`: an editor text; `req`: the rule for a required text. */
export function useEditorLabels() {
  const { t } = useTranslation();
  const f = (k: string) => t(`catalog.field.${k}` as 'catalog.field.name');
  const e = (k: string) => t(`catalog.editor.${k}` as 'catalog.editor.basics');
  return { t, f, e, req: required(t('validation.required')) };
}

export const section = (id: string, title: string, children: React.ReactNode) => (
  <section className="cat-editor-section" aria-labelledby={`cat-ed-${id}`}>
    <h3 id={`cat-ed-${id}`}>{title}</h3>
    {children}
  </section>
);
export const removeButton = (label: string, onClick: () => void) => (
  <Button type="text" danger icon={<DeleteOutlined />} aria-label={label} onClick={onClick} />
);
