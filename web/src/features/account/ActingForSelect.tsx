import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/auth';
import { useActingFor, useMyEnterprises } from './api';

/** The portal header's 办事身份: shown to a citizen who may act for an enterprise; the same switch as on 账号与安全. */
export function ActingForSelect() {
  const me = useMe();
  if (!me.data || me.data.kind === 'staff') return null;
  return <ActingFor currentName={me.data.entity?.name ?? me.data.displayName} />;
}

/** `currentName`: who the session acts as now (the enterprise's name while acting for one). */
function ActingFor({ currentName }: { currentName: string }) {
  const { t } = useTranslation();
  const id = useId();
  const enterprises = useMyEnterprises();
  const acting = useActingFor();
  const items = enterprises.data?.items ?? [];
  const actingFor = enterprises.data?.actingFor ?? null;
  // Revoked or expired while acting: the session still acts for it (and is refused), so say so rather than show 本人.
  const ended = actingFor && !items.some((e) => e.id === actingFor);
  if (!enterprises.data || (items.length === 0 && !enterprises.data.actingFor)) return null;
  return (
    <span className="portal-acting">
      <label htmlFor={id} className="visually-hidden">
        {t('account.enterprise.actingAs')}
      </label>
      <select
        id={id}
        data-testid="header-acting-for"
        className="portal-acting__select"
        value={enterprises.data.actingFor ?? ''}
        disabled={acting.isPending}
        onChange={(e) => acting.mutate(e.target.value || null)}
      >
        <option value="">{t('account.agents.myself')}</option>
        {ended && <option value={actingFor}>{t('account.agents.noLongerAuthorized', { name: currentName })}</option>}
        {items.map((e) => (
          <option key={e.id} value={e.id}>
            {e.name}
          </option>
        ))}
      </select>
    </span>
  );
}
