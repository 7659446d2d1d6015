import { useState, type ReactNode } from 'react';
import { App, Button, Drawer, Form, Space, type FormInstance } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { FieldError } from '../../api/errors';
import { ProblemAlert } from '../../components/ProblemAlert';
import { applyServerErrors } from '../../lib/form-errors';

interface Props<V> {
  /** The form's name: field ids become `<name>_<field>`, unique on the page. */
  name: string;
  open: boolean;
  title: string;
  onClose: () => void;
  initialValues?: Partial<V>;
  /** Top-level field names the form renders; server errors for other fields go in the alert. */
  fields: readonly string[];
  /** Saves; the key is the same for every retry of this drawer's submission. */
  submit: (values: V, idempotencyKey: string) => Promise<unknown>;
  onSaved?: () => void;
  children: ReactNode | ((form: FormInstance<V>) => ReactNode);
}

/**
 * A create/edit form in a drawer. Client rules catch the obvious; the server's problem+json is the
 * judge: its `errors[]` land on the fields (Form.setFields), the rest in an alert above the form.
 */
export function FormDrawer<V extends object>(props: Props<V>) {
  return (
    <Drawer open={props.open} title={props.title} onClose={props.onClose} destroyOnHidden size={560} rootClassName="form-drawer">
      {/* Mounted anew at each opening: fresh form, fresh idempotency key. */}
      {props.open && <FormBody {...props} />}
    </Drawer>
  );
}

function FormBody<V extends object>({ name, initialValues, fields, submit, onSaved, onClose, children }: Props<V>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<V>();
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const [leftover, setLeftover] = useState<FieldError[]>([]);
  const save = useMutation({
    mutationFn: (values: V) => submit(values, idempotencyKey),
    onMutate: () => setLeftover([]),
    onError: (e) => setLeftover(applyServerErrors(form, e, fields)),
    onSuccess: () => {
      void message.success(t('admin.saved'));
      onSaved?.();
      onClose();
    },
  });
  return (
    <>
      <ProblemAlert error={save.error} leftover={leftover} />
      <Form<V> name={name} form={form} layout="vertical" initialValues={initialValues} onFinish={(values) => save.mutate(values)} scrollToFirstError>
        {typeof children === 'function' ? children(form) : children}
        <Space>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('action.save')}
          </Button>
          <Button onClick={onClose}>{t('action.cancel')}</Button>
        </Space>
      </Form>
    </>
  );
}
