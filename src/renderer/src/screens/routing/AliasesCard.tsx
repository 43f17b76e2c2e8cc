// Short names for models (`/model big` in OpenClaw): list, remove, and a small form to set one.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConfigView } from '../../../../shared/contract';
import { Button } from '../../components/Button';
import { useConfigStore } from '../../stores/config-store';
import type { EditLock } from './edit-lock';
import { isLocalRef, knownRefs } from './model-refs';
import { PlaceBadge } from './PlaceBadge';

export function AliasesCard({ view, lock }: { view: ConfigView; lock: EditLock }): React.JSX.Element {
  const { t } = useTranslation('routing');
  const propose = useConfigStore((s) => s.propose);
  const proposing = useConfigStore((s) => s.proposing);
  const id = useId();
  const refs = knownRefs(view);
  const [ref, setRef] = useState('');
  const [alias, setAlias] = useState('');
  const [touched, setTouched] = useState(false);
  const refValue = refs.includes(ref) ? ref : (refs[0] ?? '');
  const trimmed = alias.trim();
  const error = !trimmed ? t('alias.required') : trimmed.length > 64 ? t('alias.tooLong') : /\s/.test(trimmed) ? t('alias.noSpaces') : undefined;

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (error || !refValue || lock.locked) return;
    void propose({ type: 'set-alias', input: { ref: refValue, alias: trimmed } });
  };

  return (
    <section className="card rt-card" data-testid="aliases">
      <h2 id={`${id}-h`} className="section-title">
        {t('alias.title')}
      </h2>
      <p className="muted rt-line">{t('alias.intro')}</p>
      {view.aliases.length === 0 ? (
        <p className="muted rt-empty">{t('alias.empty')}</p>
      ) : (
        <ul className="list rt-aliases" aria-label={t('alias.listLabel')}>
          {view.aliases.map((a) => (
            <li key={a.ref} data-testid="alias-item" data-ref={a.ref} data-alias={a.alias}>
              <span className="rt-alias-name" id={`${id}-${a.alias}`}>
                {a.alias}
              </span>
              <span aria-hidden="true" className="muted">
                →
              </span>
              <span className="visually-hidden">{t('alias.pointsTo')}</span>
              <code className="rt-ref spacer">{a.ref}</code>
              <PlaceBadge local={isLocalRef(view, a.ref)} />
              <Button
                size="sm"
                variant="ghost"
                aria-describedby={`${id}-${a.alias}`}
                disabled={lock.locked || proposing}
                title={lock.reason}
                onClick={() => void propose({ type: 'remove-alias', input: { ref: a.ref } })}
              >
                {t('alias.remove')}
              </Button>
            </li>
          ))}
        </ul>
      )}
      <form className="rt-alias-form" onSubmit={submit} noValidate>
        <div className="field rt-field">
          <label htmlFor={`${id}-ref`}>{t('alias.refLabel')}</label>
          <select id={`${id}-ref`} className="select" value={refValue} disabled={lock.locked} title={lock.reason} onChange={(e) => setRef(e.target.value)}>
            {refs.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </div>
        <div className="field rt-field rt-alias-input">
          <label htmlFor={`${id}-alias`}>{t('alias.aliasLabel')}</label>
          <input
            id={`${id}-alias`}
            className="input"
            value={alias}
            maxLength={64}
            autoComplete="off"
            spellCheck={false}
            placeholder={t('alias.placeholder')}
            disabled={lock.locked}
            aria-invalid={touched && !!error}
            aria-describedby={touched && error ? `${id}-err` : undefined}
            onChange={(e) => setAlias(e.target.value)}
          />
          {touched && error && (
            <span id={`${id}-err`} className="field-error">
              {error}
            </span>
          )}
        </div>
        <Button type="submit" disabled={lock.locked || !refValue} busy={proposing && touched} title={lock.reason}>
          {t('alias.set')}
        </Button>
      </form>
    </section>
  );
}
