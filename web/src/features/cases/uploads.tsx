import { useId, useState } from 'react';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/errors';
import { ACCEPTED_UPLOAD, formatSize, uploadFile, type Upload } from './api';

export interface UploadedFile extends Upload {
  name: string;
}

/**
 * Upload files for one material: a real file input inside its label (keyboard and screen readers
 * reach it), each file sent at once, its size and detected type shown, the server's type or size
 * refusal shown beside the material.
 */
export function FileUploads({
  label,
  files,
  onChange,
  max = 20,
  disabled,
}: {
  label: string;
  files: UploadedFile[];
  onChange: (files: UploadedFile[]) => void;
  max?: number;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [busy, setBusy] = useState(0);
  const [errors, setErrors] = useState<string[]>([]);
  const add = async (list: FileList | null) => {
    if (!list || list.length === 0) return;
    const picked = [...list].slice(0, Math.max(0, max - files.length));
    setErrors([]);
    setBusy((n) => n + picked.length);
    const done: UploadedFile[] = [];
    const failed: string[] = [];
    for (const f of picked) {
      try {
        const u = await uploadFile(f);
        done.push({ ...u, name: f.name });
      } catch (e) {
        const why = isApiError(e) ? [e.title, e.detail].filter(Boolean).join(': ') : t('errors.generic.title');
        failed.push(t('cases.upload.failed', { name: f.name, why }));
      } finally {
        setBusy((n) => n - 1);
      }
    }
    if (done.length) onChange([...files, ...done]);
    setErrors(failed);
  };
  return (
    <div className="cs-uploads">
      {files.length > 0 && (
        <ul className="cs-plain">
          {files.map((f) => (
            <li key={f.id} className="cs-file-row">
              <span className="cs-break">{f.name}</span>
              <span className="cs-hint">
                {formatSize(f.size)} · {f.contentType}
              </span>
              {!disabled && (
                <Button size="small" onClick={() => onChange(files.filter((x) => x.id !== f.id))}>
                  {t('cases.upload.remove')}
                  <span className="visually-hidden">{t('cases.upload.removeNamed', { name: f.name })}</span>
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {!disabled && files.length < max && (
        <label className="cs-upload-label" htmlFor={id}>
          <input
            id={id}
            className="cs-upload-input"
            type="file"
            multiple
            accept={ACCEPTED_UPLOAD}
            aria-describedby={`${id}-hint`}
            onChange={(e) => {
              const input = e.currentTarget;
              void add(input.files).finally(() => (input.value = ''));
            }}
          />
          {busy > 0 ? t('cases.upload.uploading') : t('cases.upload.choose', { material: label })}
        </label>
      )}
      <div id={`${id}-hint`} className="cs-hint">
        {t('cases.upload.hint')}
      </div>
      {errors.length > 0 && (
        <ul role="alert" className="cs-upload-errors">
          {errors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
