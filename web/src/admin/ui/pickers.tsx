import { useEffect, useMemo, useState } from 'react';
import { AutoComplete, Select, type AutoCompleteProps, type SelectProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDepartmentKinds, usePermissions, usePublicDepartments, usePublicRegions, useRoles } from '../api';

function useDebounced<T>(value: T, ms = 300): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setV(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return v;
}

type PickerProps = Omit<SelectProps, 'options' | 'showSearch' | 'filterOption' | 'onSearch' | 'loading'> & {
  /** A label for the current value before the look-up has it (editing an existing record). */
  current?: { value: string; label: string }[];
};

function withCurrent(options: { value: string; label: string }[], current: PickerProps['current']) {
  const seen = new Set(options.map((o) => o.value));
  return [...options, ...(current ?? []).filter((c) => !seen.has(c.value))];
}

/**
 * Regions, searched on the server by name or code. The value is the region's code, or with
 * `valueKey="path"` its path (`990000/990100/990102`), which is what calendar overrides store.
 */
export function RegionPicker({ current, valueKey = 'code', ...props }: PickerProps & { valueKey?: 'code' | 'path' }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebounced(search);
  const regions = usePublicRegions(q);
  const options = useMemo(
    () =>
      withCurrent(
        (regions.data?.items ?? []).map((r) => ({ value: r[valueKey], label: `${r.name} (${r.code})` })),
        current,
      ),
    [regions.data, current, valueKey],
  );
  return (
    <Select
      allowClear
      placeholder={t('admin.pickRegion')}
      {...props}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      options={options}
      loading={regions.isFetching}
      notFoundContent={regions.isError ? t('errors.generic.title') : undefined}
    />
  );
}

/** Departments, searched on the server. */
export function DepartmentPicker({ current, ...props }: PickerProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebounced(search);
  const departments = usePublicDepartments(q);
  const options = useMemo(
    () =>
      withCurrent(
        (departments.data?.items ?? []).map((d) => ({ value: d.id, label: `${d.name} · ${d.regionName}` })),
        current,
      ),
    [departments.data, current],
  );
  return (
    <Select
      allowClear
      placeholder={t('admin.pickDepartment')}
      {...props}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      options={options}
      loading={departments.isFetching}
    />
  );
}

/** Roles, named in the current language. */
export function RolePicker(props: Omit<SelectProps, 'options'>) {
  const { t, i18n } = useTranslation();
  const roles = useRoles();
  const options = (roles.data ?? []).map((r) => ({ value: r.code, label: i18n.language === 'en' ? r.nameEn : r.name }));
  return <Select placeholder={t('admin.pickRole')} {...props} options={options} loading={roles.isFetching} showSearch={{ optionFilterProp: 'label' }} />;
}

/** Permissions from the server's catalogue. */
export function PermissionPicker(props: Omit<SelectProps, 'options'>) {
  const { t, i18n } = useTranslation();
  const permissions = usePermissions();
  const options = (permissions.data ?? []).map((p) => ({
    value: p.code,
    label: `${i18n.language === 'en' ? p.nameEn : p.name} (${p.code})`,
  }));
  return (
    <Select
      mode="multiple"
      placeholder={t('admin.pickPermissions')}
      {...props}
      options={options}
      loading={permissions.isFetching}
      showSearch={{ optionFilterProp: 'label' }}
    />
  );
}

/**
 * A department's function code: the codes already in use (with one department as example) to pick
 * from, or a new one typed in (the form validates its pattern).
 */
export function DepartmentKindPicker(props: Omit<AutoCompleteProps, 'options'>) {
  const { t } = useTranslation();
  const kinds = useDepartmentKinds();
  const [search, setSearch] = useState('');
  const options = useMemo(() => {
    const q = search.trim().toLowerCase();
    return (kinds.data ?? [])
      .filter((k) => !q || k.kind.includes(q) || k.example.toLowerCase().includes(q))
      .map((k) => ({ value: k.kind, label: `${k.kind} · ${k.example}` }));
  }, [kinds.data, search]);
  return <AutoComplete placeholder={t('admin.department.kindPick')} {...props} options={options} onSearch={setSearch} />;
}
