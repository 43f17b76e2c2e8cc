// The servers Warmclaw watches, one card each: health, latency, models and keeping them warm.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../components/Button';
import { serverState } from '../../../shared/states';
import { useStatusStore } from '../stores/status-store';
import { AddEndpointForm } from './dashboard/AddEndpointForm';
import { EmptyState } from './dashboard/EmptyState';
import { EndpointCard } from './dashboard/EndpointCard';
import { ModelCallsCard } from './dashboard/ModelCallsCard';
import { StatusBar } from './dashboard/StatusBar';

/** A clock for "in 4 min" / "5 sec ago" that ticks while the screen is open. */
function useNow(everyMs = 5000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

export function DashboardScreen(): React.JSX.Element {
  const { t } = useTranslation('dashboard');
  const endpoints = useStatusStore((s) => s.endpoints);
  const error = useStatusStore((s) => s.error);
  const loaded = useStatusStore((s) => s.loaded);
  const load = useStatusStore((s) => s.load);
  const [retrying, setRetrying] = useState(false);
  const [addOpen, setAddOpen] = useState(false);
  // "Loading… N s" counts every second while a model or server loads; otherwise every 5 s is enough.
  const now = useNow(endpoints.some((e) => e.activity === 'loading' || e.models.some((m) => m.state === 'loading')) ? 1000 : 5000);
  // "No server answering" only when none answers at all: a server that answers HTTP 500 runs (its card says what fails).
  const noneAnswering = loaded && !error && endpoints.every((e) => e.health === 'down' && serverState(e) !== 'failing');

  const retry = async () => {
    setRetrying(true);
    try {
      await load();
    } finally {
      setRetrying(false);
    }
  };

  return (
    <div className="db-screen">
      <h1 className="screen-title">{t('title')}</h1>
      <p className="screen-intro">{t('intro')}</p>

      {error && (
        <div className="banner" data-tone="bad" role="alert" data-testid="status-error">
          <h2>{t('error.title')}</h2>
          <p className="db-banner-text">{error}</p>
          <Button size="sm" busy={retrying} onClick={() => void retry()}>
            {t('common:action.retry')}
          </Button>
        </div>
      )}

      <StatusBar />

      {/* No server known at all: the help comes first. */}
      {noneAnswering && endpoints.length === 0 && <EmptyState />}

      {endpoints.length > 0 && (
        <div className="grid db-grid" data-testid="endpoint-grid">
          {endpoints.map((e) => (
            <EndpointCard key={e.id} endpoint={e} now={now} />
          ))}
        </div>
      )}
      <ModelCallsCard now={now} />
      {/* Servers known but none answering: their cards (with the reason) first, then how to start one. */}
      {noneAnswering && endpoints.length > 0 && <EmptyState allDown />}
      {endpoints.length > 0 && !noneAnswering && (
        <details className="card db-add-more" open={addOpen} onToggle={(e) => setAddOpen((e.currentTarget as HTMLDetailsElement).open)} data-testid="add-endpoint-section">
          <summary>
            <h2 className="db-add-title">{t('add.title')}</h2>
          </summary>
          <p className="muted small">{t('add.intro')}</p>
          <AddEndpointForm />
        </details>
      )}
    </div>
  );
}
