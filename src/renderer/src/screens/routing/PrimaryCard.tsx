// The primary model: what it is now (local or hosted), a select to pick another and a button that
// shows the change for review. Choosing alone proposes nothing, so arrowing through the list is safe.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConfigView } from '../../../../shared/contract';
import { Button } from '../../components/Button';
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
  // The choice follows the file until the person picks something else.
  const [choice, setChoice] = useState<string | null>(null);
  const selected = choice !== null && refs.includes(choice) ? choice : (primary ?? '');
  const differs = !!selected && selected !== primary;
  const [asked, setAsked] = useState(false);
  const optionText = (r: string) => `${r} · ${isLocalRef(view, r) ? t('badge.local') : t('badge.hosted')}${r === primary ? ` · ${t('primary.current')}` : ''}`;

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!differs || lock.locked) return;
    setAsked(true);
    try {
      await propose({ type: 'set-primary', input: { ref: selected } });
    } finally {
      setAsked(false);
    }
  };

  return (
    <section className="card rt-card" data-testid="primary">
      <h2 id={`${id}-h`} className="section-title" tabIndex={-1}>
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
      <form className="rt-primary-form" onSubmit={(e) => void submit(e)}>
        <div className="rt-primary-row">
          <div className="field rt-field">
            <label htmlFor={`${id}-sel`}>{t('primary.label')}</label>
            <select
              id={`${id}-sel`}
              className="select"
              value={selected}
              disabled={lock.locked}
              // The whole choice on hover, should a very long model id still not fit.
              title={lock.reason ?? (selected ? optionText(selected) : undefined)}
              aria-describedby={`${id}-hint`}
              onChange={(e) => setChoice(e.target.value)}
            >
              {!primary && (
                <option value="" disabled>
                  {t('primary.choose')}
                </option>
              )}
              {refs.map((r) => (
                <option key={r} value={r}>
                  {optionText(r)}
                </option>
              ))}
            </select>
          </div>
          <Button type="submit" variant="primary" disabled={!differs || lock.locked} busy={asked && proposing} title={lock.reason ?? (!differs ? t('primary.sameAsFile') : undefined)}>
            {t('primary.set')}
          </Button>
        </div>
        <span id={`${id}-hint`} className="field-hint">
          {t('primary.hint')}
        </span>
      </form>
    </section>
  );
}
