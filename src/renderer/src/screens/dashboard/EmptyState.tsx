// No server answered: how to start one, what Warmclaw scans, the simulator, and a way to add one by URL.
import { Trans, useTranslation } from 'react-i18next';
import { AddEndpointForm } from './AddEndpointForm';

/** `allDown`: servers are known but none answers (the cards above say which and why). */
export function EmptyState({ allDown = false }: { allDown?: boolean }): React.JSX.Element {
  const { t } = useTranslation('dashboard');
  return (
    <section className="card empty db-empty" data-testid="empty-state" aria-labelledby="db-empty-title">
      <h2 id="db-empty-title">{t(allDown ? 'empty.titleAllDown' : 'empty.title')}</h2>
      <p className="muted db-empty-intro">{t('empty.intro')}</p>
      <ul className="db-empty-steps">
        <li>
          <strong>{t('common:kind.lmstudio')}</strong>
          <span>
            <Trans t={t} i18nKey="empty.lmstudio" components={{ code: <code /> }} />
          </span>
        </li>
        <li>
          <strong>{t('common:kind.ollama')}</strong>
          <span>
            <Trans t={t} i18nKey="empty.ollama" components={{ code: <code /> }} />
          </span>
        </li>
        <li>
          <strong>{t('empty.simTitle')}</strong>
          <span>
            <Trans t={t} i18nKey="empty.sim" components={{ code: <code /> }} />
          </span>
        </li>
      </ul>
      <p className="muted small">{t('empty.scan')}</p>
      <div className="db-empty-add">
        <h3>{t('add.title')}</h3>
        <p className="muted small">{t('add.intro')}</p>
        <AddEndpointForm />
      </div>
    </section>
  );
}
