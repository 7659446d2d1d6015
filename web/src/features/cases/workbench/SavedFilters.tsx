import { useState } from 'react';
import { Button, Form, Input, Modal, Popconfirm, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';

/** A to-do view a clerk named and saved: the preset, the search text and the sort of the list's address. */
export interface SavedFilter {
  name: string;
  preset: string;
  q?: string;
  sort?: string;
}

const MAX = 12;
const keyOf = (userId: string) => `yw.cases.todo.saved.${userId}`;

/**
 * Saved filters live in this browser's localStorage, per user: a filter is a personal view of the
 * list's address (preset, search, sort), not data anyone else needs, so it needs no table, route or
 * audit; the price is that it does not follow the clerk to another computer (docs/cases-pages.md).
 */
export function loadSavedFilters(userId: string): SavedFilter[] {
  try {
    const raw = JSON.parse(localStorage.getItem(keyOf(userId)) ?? '[]') as unknown;
    return Array.isArray(raw) ? (raw as SavedFilter[]).filter((f) => typeof f?.name === 'string' && typeof f?.preset === 'string').slice(0, MAX) : [];
  } catch {
    return [];
  }
}

function store(userId: string, list: SavedFilter[]) {
  try {
    localStorage.setItem(keyOf(userId), JSON.stringify(list.slice(0, MAX)));
  } catch {
    /* private mode: not remembered */
  }
}

const same = (a: Omit<SavedFilter, 'name'>, b: Omit<SavedFilter, 'name'>) =>
  a.preset === b.preset && (a.q ?? '') === (b.q ?? '') && (a.sort ?? '') === (b.sort ?? '');

/** The saved-filter picker beside the presets: apply one, save the current view under a name, delete the one shown. */
export function SavedFilters({ userId, current, onApply }: { userId: string; current: Omit<SavedFilter, 'name'>; onApply: (f: SavedFilter) => void }) {
  const { t } = useTranslation();
  const [list, setList] = useState(() => loadSavedFilters(userId));
  const [naming, setNaming] = useState(false);
  const active = list.find((f) => same(f, current));
  const save = (name: string) => {
    const next = [{ ...current, name }, ...list.filter((f) => f.name !== name && !same(f, current))];
    store(userId, next);
    setList(next.slice(0, MAX));
    setNaming(false);
  };
  const remove = (name: string) => {
    const next = list.filter((f) => f.name !== name);
    store(userId, next);
    setList(next);
  };
  return (
    <Space wrap size={8}>
      <Select
        aria-label={t('cases.todo.saved.label')}
        placeholder={t('cases.todo.saved.label')}
        style={{ minWidth: 160 }}
        value={active?.name}
        notFoundContent={t('cases.todo.saved.none')}
        onChange={(name: string) => {
          const f = list.find((x) => x.name === name);
          if (f) onApply(f);
        }}
        options={list.map((f) => ({ value: f.name, label: f.name }))}
      />
      {active ? (
        <Popconfirm
          title={t('cases.todo.saved.deleteConfirm', { name: active.name })}
          onConfirm={() => remove(active.name)}
          okText={t('action.delete')}
          cancelText={t('action.cancel')}
        >
          <Button type="link" danger>
            {t('cases.todo.saved.delete')}
          </Button>
        </Popconfirm>
      ) : (
        <Button onClick={() => setNaming(true)}>{t('cases.todo.saved.save')}</Button>
      )}
      {naming && <NameModal taken={list.map((f) => f.name)} onSave={save} onClose={() => setNaming(false)} />}
    </Space>
  );
}

function NameModal({ taken, onSave, onClose }: { taken: string[]; onSave: (name: string) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ name: string }>();
  return (
    <Modal
      open
      title={t('cases.todo.saved.save')}
      onCancel={onClose}
      okText={t('action.save')}
      cancelText={t('action.cancel')}
      okButtonProps={{ htmlType: 'submit' }}
      destroyOnHidden
      modalRender={(node) => (
        <Form form={form} name="cs-saved-filter" layout="vertical" onFinish={(v) => onSave(v.name.trim())} clearOnDestroy>
          {node}
        </Form>
      )}
    >
      <Form.Item
        name="name"
        label={t('cases.todo.saved.name')}
        extra={taken.length ? t('cases.todo.saved.replaceHint') : undefined}
        rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
      >
        <Input maxLength={20} autoFocus />
      </Form.Item>
    </Modal>
  );
}
