// The primary model: what it is now (local or hosted) and a select to pick another.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConfigView } from '../../../../shared/contract';
import { useConfigStore } from '../../stores/config-store';
import type { EditLock } from './edit-lock';
import { aliasOf, isLocalRef, knownRefs } from './model-refs';
import { PlaceBadge } from './PlaceBadge';

export function PrimaryCard({ view, lock }: { view: ConfigView; lock: EditLock }): React.JSX.Element {
  const { t } = useTranslation('routing');
  const propose = useConfigStore((s) => s.propose);
  const proposing = useConfigStore((s) => s.proposing);
  const id = useId();
  const primary = view.routing.primary;
  const refs = knownRefs(view);
  const alias = primary ? aliasOf(view, primary) : undefined;
  return (
    <section className="card rt-card" data-testid="primary">
      <h2 id={`${id}-h`} className="section-title">
        {t('primary.title')}
      </h2>
      <p className="rt-current" data-testid="primary-current">
        {primary ? (
          <>
            <code className="rt-ref">{primary}</code>
            <PlaceBadge local={isLocalRef(view, primary)} />
            {alias && <span className="badge">{t('alias.badge', { alias })}</span>}
          </>
        ) : (
          <span className="muted">{t('primary.none')}</span>
        )}
      </p>
      <div className="field rt-field">
        <label htmlFor={`${id}-sel`}>{t('primary.label')}</label>
        <select
          id={`${id}-sel`}
          className="select"
          value={primary ?? ''}
          disabled={lock.locked || proposing}
          title={lock.reason}
          aria-describedby={`${id}-hint`}
          onChange={(e) => e.target.value && void propose({ type: 'set-primary', input: { ref: e.target.value } })}
        >
          {!primary && (
            <option value="" disabled>
              {t('primary.choose')}
            </option>
          )}
          {refs.map((r) => (
            <option key={r} value={r}>
              {r} · {isLocalRef(view, r) ? t('badge.local') : t('badge.hosted')}
            </option>
          ))}
        </select>
        <span id={`${id}-hint`} className="field-hint">
          {t('primary.hint')}
        </span>
      </div>
    </section>
  );
}
