import { useEffect, useId, useState } from 'react';
import { Input } from 'antd';
import { useTranslation } from 'react-i18next';

/** Search on Enter or the button; the label is visible to screen readers only. */
export function SearchBox({ value, onSearch, label }: { value: string; onSearch: (q: string) => void; label: string }) {
  const { t } = useTranslation();
  const id = useId();
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  return (
    <div role="search" style={{ width: 280, maxWidth: '100%' }}>
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <Input.Search
        id={id}
        value={text}
        placeholder={label}
        allowClear
        maxLength={100}
        enterButton={t('action.search')}
        onChange={(e) => setText(e.target.value)}
        onSearch={(q) => onSearch(q.trim())}
      />
    </div>
  );
}
