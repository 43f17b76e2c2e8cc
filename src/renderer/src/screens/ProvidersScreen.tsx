// The model servers: ones found on this machine that openclaw.json does not use yet (add in two
// clicks), then every configured provider with its models, limits, findings and OpenClaw's check.
import { useTranslation } from 'react-i18next';
import { useConfigStore } from '../stores/config-store';
import { useStatusStore } from '../stores/status-store';
import { DiscoveredCard } from './providers/DiscoveredCard';
import { ProviderCard } from './providers/ProviderCard';
import { useEditLock } from './routing/edit-lock';

const underProvider = (path: string | undefined, id: string) => {
  const prefix = `models.providers.${id}`;
  return !!path && (path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`));
};

export function ProvidersScreen(): React.JSX.Element {
  const { t } = useTranslation('providers');
  const view = useConfigStore((s) => s.view);
  const endpoints = useStatusStore((s) => s.endpoints);
  const lock = useEditLock('providers');
  const found = endpoints.filter((e) => !e.providerId && e.health === 'up' && (e.source === 'scan' || e.source === 'user'));

  return (
    <div className="pv-screen" data-testid="providers-screen">
      <h1 className="screen-title">{t('title')}</h1>
      <p className="screen-intro">{t('intro')}</p>

      <section className="card pv-section" data-testid="found-section">
        <h2 id="pv-found-h" className="section-title">
          {t('found.title')}
        </h2>
        <p className="muted pv-line">{found.length ? t('found.intro') : t('found.none')}</p>
        {found.length > 0 && (
          <div className="pv-found-grid">
            {found.map((ep) => (
              <DiscoveredCard key={ep.id} endpoint={ep} lock={lock} />
            ))}
          </div>
        )}
      </section>

      {view && view.openclaw.issues.length > 0 && (
        <section className="card pv-section" data-testid="openclaw-issues" data-tone="bad">
          <h2 id="pv-issues-h" className="section-title">
            {t('openclaw.title')}
          </h2>
          <p className="muted pv-line">{t('openclaw.intro')}</p>
          <ul className="list">
            {view.openclaw.issues.map((i, n) => (
              <li key={`${i.path}-${n}`} data-testid="openclaw-issue">
                <span className="badge" data-tone="bad">
                  !
                </span>
                <span className="spacer">
                  {i.message}
                  {i.path && <span className="muted small mono"> {i.path}</span>}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {view && !view.openclaw.ran && (
        <p className="muted small pv-cli-note" data-testid="openclaw-not-run">
          {t('openclaw.notRan')}
        </p>
      )}

      {view &&
        (view.providers.length === 0 ? (
          <section className="card pv-section">
            <h2 id="pv-empty-h" className="section-title">
              {t('empty.title')}
            </h2>
            <p className="muted pv-line">{t('empty.text')}</p>
          </section>
        ) : (
          <div className="pv-providers">
            {view.providers.map((p) => (
              <ProviderCard
                key={p.id}
                provider={p}
                endpoint={endpoints.find((e) => e.providerId === p.id)}
                warnings={view.warnings.filter((w) => underProvider(w.path, p.id))}
                lock={lock}
              />
            ))}
          </div>
        ))}
    </div>
  );
}
