// One model server: what it is, where it came from, whether it answers (and why not), latency, models.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EndpointStatus } from '../../../../shared/status';
import { isServerGone, memoryHeld, SERVER_STATE_TONE, serverState } from '../../../../shared/states';
import { Button } from '../../components/Button';
import { restoreFocus } from '../../components/focus';
import { formatBytes, formatDuration, formatNumber, formatRelative } from '../../i18n/format';
import { useSettingsStore } from '../../stores/settings-store';
import { useStatusStore } from '../../stores/status-store';
import { ModelRow } from './ModelRow';
import { Sparkline } from './Sparkline';
import { useSay } from '../../i18n/messages';

export function EndpointCard({ endpoint, now }: { endpoint: EndpointStatus; now: number }): React.JSX.Element {
  const { t } = useTranslation('dashboard');
  const say = useSay();
  const removeEndpoint = useSettingsStore((s) => s.removeEndpoint);
  const refresh = useStatusStore((s) => s.refresh);
  const [removing, setRemoving] = useState(false);
  const kindLabel = t(`common:kind.${endpoint.kind ?? 'unknown'}`);
  const headingId = `db-ep-${endpoint.id.replace(/[^a-zA-Z0-9]/g, '-')}`;

  const source =
    endpoint.source === 'config'
      ? endpoint.providerId
        ? t('source.configProvider', { provider: endpoint.providerId })
        : t('source.config')
      : endpoint.source === 'user'
        ? t('source.user')
        : t('source.scan');

  const remove = async () => {
    setRemoving(true);
    try {
      if (await removeEndpoint(endpoint.baseUrl)) {
        await refresh();
        // This card is gone with its button: land on the screen heading rather than <body>.
        restoreFocus({ watchMs: 3000 });
      }
    } finally {
      setRemoving(false);
    }
  };

  const state = serverState(endpoint);
  const held = memoryHeld([endpoint]);
  const problem = endpoint.health === 'down' || endpoint.health === 'degraded';
  // A server that does not answer has no current latency: the sparkline still shows the recent past.
  const latest = endpoint.health === 'down' ? undefined : (endpoint.latencyMs ?? endpoint.latencyWindow[endpoint.latencyWindow.length - 1]);

  const checked = endpoint.checkedAt ? (
    <div className="muted small db-checked">{t('endpoint.checked', { when: formatRelative(Math.min(endpoint.checkedAt, now), now) })}</div>
  ) : null;

  return (
    <article className="card db-card" data-testid="endpoint-card" data-endpoint-id={endpoint.id} data-health={endpoint.health} data-state={state} aria-label={`${kindLabel} ${endpoint.baseUrl}`}>
      <header className="db-card-head">
        <div className="db-card-title">
          <h2 id={headingId} className="db-kind">
            {kindLabel}
          </h2>
          <span className="pill" data-tone={SERVER_STATE_TONE[state]} data-testid="health">
            {t(`common:serverState.${state}`)}
          </span>
        </div>
        <div id={`${headingId}-url`} className="mono db-url">{endpoint.baseUrl}</div>
        <div className="muted small db-meta">
          <span data-testid="endpoint-source">{source}</span>
          {endpoint.version && <span>{t('endpoint.version', { version: endpoint.version })}</span>}
          {endpoint.responsesApi !== undefined && (
            <span className="badge" data-testid="responses-api">
              {endpoint.responsesApi ? t('endpoint.responsesApi') : t('endpoint.chatOnly')}
            </span>
          )}
        </div>
      </header>

      {problem && (
        <p className="db-reason" data-tone={isServerGone(state) ? 'bad' : 'warn'} data-testid="endpoint-error">
          {(endpoint.lastError !== undefined ? say(endpoint.lastErrorMsg, endpoint.lastError) : undefined) ?? (endpoint.health === 'down' ? t('endpoint.downNoReason') : t('endpoint.degradedNoReason'))}
        </p>
      )}
      {endpoint.note && (
        <p className="db-note small" role="note" data-testid="endpoint-note">
          {say(endpoint.noteMsg, endpoint.note)}
        </p>
      )}
      {endpoint.localhostMismatch && (
        <p className="db-note small" role="note" data-testid="localhost-mismatch">
          {endpoint.localhostMismatch}
        </p>
      )}

      {endpoint.latencyWindow.length > 0 || latest !== undefined ? (
        <div className="db-latency">
          <Sparkline values={endpoint.latencyWindow} />
          <div className="small">
            <div className="muted">{t('latency.label')}</div>
            <div className="db-latency-now" data-testid="latency-now">
              {latest !== undefined ? formatDuration(latest) : '—'}
            </div>
          </div>
          {checked}
        </div>
      ) : (
        checked && <div className="db-latency db-latency-none">{checked}</div>
      )}

      <section className="db-models" aria-labelledby={`${headingId}-models`}>
        <h3 id={`${headingId}-models`} className="db-models-title">
          {t('models.title', { count: endpoint.models.length, value: formatNumber(endpoint.models.length) })}
          {held.models > 0 && (
            <span className="muted small db-held" data-testid="endpoint-memory">
              {' · '}
              {t('models.held', { size: formatBytes(held.bytes) })}
            </span>
          )}
        </h3>
        {endpoint.hostMemory && <HostMemoryLine memory={endpoint.hostMemory} />}
        {endpoint.models.length ? (
          <ul className="db-model-list">
            {endpoint.models.map((m) => (
              <ModelRow key={m.id} endpoint={endpoint} model={m} now={now} />
            ))}
          </ul>
        ) : (
          <p className="muted small db-no-models">{endpoint.health === 'up' ? t('models.noneUp') : t('models.noneDown')}</p>
        )}
      </section>

      {endpoint.source === 'user' && (
        <footer className="db-card-foot">
          <Button size="sm" variant="danger" busy={removing} onClick={() => void remove()} data-testid="remove-endpoint" aria-describedby={`${headingId} ${headingId}-url`}>
            {t('common:action.remove')}
          </Button>
        </footer>
      )}
    </article>
  );
}

/** The machine's memory in use as the server reports it (llama-swap): whole-machine figures, said so. */
function HostMemoryLine({ memory }: { memory: NonNullable<EndpointStatus['hostMemory']> }) {
  const { t } = useTranslation('dashboard');
  const parts: string[] = [];
  if (memory.gpuUsedBytes !== undefined && memory.gpuTotalBytes !== undefined) {
    parts.push(t((memory.gpus ?? 1) > 1 ? 'hostMemory.gpus' : 'hostMemory.gpu', { count: memory.gpus ?? 1, used: formatBytes(memory.gpuUsedBytes), total: formatBytes(memory.gpuTotalBytes) }));
  }
  if (memory.ramUsedBytes !== undefined && memory.ramTotalBytes !== undefined) {
    parts.push(t('hostMemory.ram', { used: formatBytes(memory.ramUsedBytes), total: formatBytes(memory.ramTotalBytes) }));
  }
  if (!parts.length) return null;
  return (
    <p className="muted small db-host-memory" data-testid="host-memory" title={t('hostMemory.why')}>
      {t('hostMemory.label')} {parts.join(' · ')}
    </p>
  );
}
