// One settings card: a heading, an optional intro, its controls, and the save confirmation.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SaveState } from './useSave';

export function SaveStatus({ state }: { state: SaveState }): React.JSX.Element {
  const { t } = useTranslation('settings');
  return (
    <span className="st-status small" role="status" data-state={state} data-testid="save-status">
      {state === 'saving' && (
        <>
          <span className="spinner" aria-hidden="true" /> {t('status.saving')}
        </>
      )}
      {state === 'saved' && (
        <>
          <span className="st-check" aria-hidden="true">
            ✓
          </span>{' '}
          {t('status.saved')}
        </>
      )}
      {state === 'error' && t('status.error')}
    </span>
  );
}

export function Section({ id, title, intro, state, children, testId }: { id: string; title: string; intro?: ReactNode; state: SaveState; children: ReactNode; testId?: string }): React.JSX.Element {
  return (
    <section className="card st-card" aria-busy={state === 'saving' || undefined} data-testid={testId}>
      <div className="st-card-head">
        <h2 id={`${id}-title`} className="section-title st-title">
          {title}
        </h2>
        <SaveStatus state={state} />
      </div>
      {intro && <p className="muted st-intro">{intro}</p>}
      <div className="st-body">{children}</div>
    </section>
  );
}
