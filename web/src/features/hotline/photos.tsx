import { useId, useState } from 'react';
import { Alert, Button, Image, Space } from 'antd';
import { CloseOutlined, PictureOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { apiUrl, fileBody } from '../../lib/api-call';

interface Uploaded {
  id: string;
  name: string;
  url: string;
}

/**
 * Uploads one photo (raw body; the server checks JPEG/PNG by content) and answers what the request
 * names it by: its file id when signed in, or (`anonymous`) the key only this uploader holds.
 */
async function uploadPhoto(file: File, anonymous: boolean): Promise<string> {
  const body = fileBody(file, file.type || 'application/octet-stream');
  if (anonymous) {
    const photo = await unwrap(api.POST('/api/public/hotline/photos', { params: { query: { name: file.name } }, ...body }));
    return photo.key ?? photo.id;
  }
  const photo = await unwrap(api.POST('/api/hotline/photos', { params: { query: { name: file.name } }, ...body }));
  return photo.id;
}

/**
 * Photos for a reply or a request (Form.Item value: the uploaded file ids, or for a caller who is not
 * signed in, `anonymous`, their keys). Each chosen file is uploaded at once; a refused one (not
 * JPEG/PNG, too big) is named in an alert.
 */
export function PhotoPicker({
  value = [],
  onChange,
  max = 9,
  anonymous = false,
}: {
  value?: string[];
  onChange?: (ids: string[]) => void;
  max?: number;
  anonymous?: boolean;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [items, setItems] = useState<Uploaded[]>([]);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<string[]>([]);
  const shown = items.filter((i) => value.includes(i.id));
  const pick = async (files: FileList | null) => {
    if (!files?.length) return;
    setBusy(true);
    setFailed([]);
    const added: Uploaded[] = [];
    const bad: string[] = [];
    for (const f of [...files].slice(0, Math.max(0, max - value.length))) {
      try {
        added.push({ id: await uploadPhoto(f, anonymous), name: f.name, url: URL.createObjectURL(f) });
      } catch {
        bad.push(f.name);
      }
    }
    setItems((xs) => [...xs, ...added]);
    setFailed(bad);
    setBusy(false);
    onChange?.([...value, ...added.map((a) => a.id)]);
  };
  return (
    <div className="hl-photos">
      <Space wrap>
        {shown.map((p) => (
          <span key={p.id} className="hl-photo">
            <img src={p.url} alt={p.name} width={72} height={72} />
            <Button
              size="small"
              type="text"
              icon={<CloseOutlined />}
              aria-label={t('hotline.photos.remove', { name: p.name })}
              onClick={() => onChange?.(value.filter((v) => v !== p.id))}
            />
          </span>
        ))}
        {value.length < max && (
          <label htmlFor={id} className="ant-btn ant-btn-default hl-photo-add" aria-busy={busy}>
            <PictureOutlined /> {busy ? t('hotline.photos.uploading') : t('hotline.photos.add')}
            <input
              id={id}
              type="file"
              accept="image/jpeg,image/png"
              multiple
              className="visually-hidden"
              data-testid="hl-photo-input"
              onChange={(e) => void pick(e.target.files).then(() => (e.target.value = ''))}
            />
          </label>
        )}
      </Space>
      <div className="hl-hint">{t('hotline.photos.hint', { max })}</div>
      {failed.length > 0 && <Alert type="error" showIcon title={t('hotline.photos.refused', { names: failed.join('、') })} style={{ marginTop: 8 }} />}
    </div>
  );
}

/** The photos of one event on a ticket's history (staff view). */
export function EventPhotos({ ticketId, photos }: { ticketId: string; photos: string[] }) {
  const { t } = useTranslation();
  if (!photos.length) return null;
  return (
    <Image.PreviewGroup>
      <Space wrap style={{ marginTop: 4 }} data-testid="hl-event-photos">
        {photos.map((p, i) => (
          <Image
            key={p}
            src={apiUrl('/api/workbench/hotline/tickets/{id}/photos/{fileId}', { id: ticketId, fileId: p })}
            alt={t('hotline.photos.alt', { n: i + 1 })}
            width={72}
            height={72}
            style={{ objectFit: 'cover' }}
          />
        ))}
      </Space>
    </Image.PreviewGroup>
  );
}

/** Photos of the caller's own request (portal "my requests"): ones they sent, or the answer's. */
export function MyPhotos({ ticketId, photos, label }: { ticketId: string; photos: string[]; label: string }) {
  const { t } = useTranslation();
  if (!photos.length) return null;
  return (
    <div className="hl-my-photos">
      <div className="hl-hint">{label}</div>
      <Image.PreviewGroup>
        <Space wrap data-testid="hl-my-photos">
          {photos.map((p, i) => (
            <Image
              key={p}
              src={apiUrl('/api/portal/hotline/tickets/{id}/photos/{fileId}', { id: ticketId, fileId: p })}
              alt={`${label} ${t('hotline.photos.alt', { n: i + 1 })}`}
              width={72}
              height={72}
              style={{ objectFit: 'cover' }}
            />
          ))}
        </Space>
      </Image.PreviewGroup>
    </div>
  );
}
