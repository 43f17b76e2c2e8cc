// Which model OpenClaw uses first and what it falls back to: local first, the primary, the fallback
// order (drag or keyboard), aliases, and the history of changes. Every change goes through the diff.
import { useTranslation } from 'react-i18next';
import { WarningList } from '../components/WarningList';
import { useConfigStore } from '../stores/config-store';
import { AgentsCard } from './routing/AgentsCard';
import { AliasesCard } from './routing/AliasesCard';
import { useEditLock } from './routing/edit-lock';
import { FallbackOrderCard } from './routing/FallbackOrderCard';
import { HistoryCard } from './routing/HistoryCard';
import { LocalFirstCard } from './routing/LocalFirstCard';
import { PrimaryCard } from './routing/PrimaryCard';

export function RoutingScreen(): React.JSX.Element {
  const { t } = useTranslation('routing');
  const view = useConfigStore((s) => s.view);
  const loadError = useConfigStore((s) => s.loadError);
  const lock = useEditLock('routing');
  const warnings = (view?.warnings ?? []).filter((w) => w.path?.startsWith('agents.'));
  return (
    <div className="rt-screen" data-testid="routing-screen">
      <h1 className="screen-title">{t('title')}</h1>
      <p className="screen-intro">{t('intro')}</p>
      {!view ? (
        // When the file failed to load, the banner above already says why and what to do.
        !loadError && <p className="muted">{t('noView')}</p>
      ) : (
        <div className="rt-layout">
          <div className="rt-col">
            <LocalFirstCard view={view} lock={lock} />
            <PrimaryCard view={view} lock={lock} />
            <FallbackOrderCard view={view} lock={lock} />
            <AgentsCard view={view} />
          </div>
          <div className="rt-col">
            {warnings.length > 0 && (
              <section className="card rt-card" data-testid="routing-warnings">
                <h2 id="rt-warnings-h" className="section-title">
                  {t('warnings.title')}
                </h2>
                <WarningList warnings={warnings} allowFix={!lock.locked} />
              </section>
            )}
            <AliasesCard view={view} lock={lock} />
            <HistoryCard lock={lock} />
          </div>
        </div>
      )}
    </div>
  );
}
