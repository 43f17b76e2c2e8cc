// OpenClaw's own latency: the calls its gateway timed, per model, beside Warmclaw's probes of the
// server behind that model. A probe says the server answers; these say what an agent actually waited.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatDuration, formatNumber, formatRelative } from '../../i18n/format';
import { useStatusStore } from '../../stores/status-store';
import { CallChart } from './CallChart';
import { groupModelCalls, median, type ModelCallGroup } from './model-calls';
import { Sparkline } from './Sparkline';

export function ModelCallsCard({ now }: { now: number }): React.JSX.Element | null {
  const { t } = useTranslation('dashboard');
  const calls = useStatusStore((s) => s.modelCalls);
  const endpoints = useStatusStore((s) => s.endpoints);
  const headingId = useId();
  if (!calls.length) return null;
  const groups = groupModelCalls(calls, endpoints);
  return (
    <section className="card db-calls" aria-labelledby={headingId} data-testid="model-calls">
      <h2 id={headingId} className="db-calls-title">
        {t('calls.title')}
      </h2>
      <p className="muted small">{t('calls.intro')}</p>
      {groups.map((g) => (
        <ModelCalls key={g.ref} group={g} now={now} />
      ))}
    </section>
  );
}

function ModelCalls({ group, now }: { group: ModelCallGroup; now: number }): React.JSX.Element {
  const { t } = useTranslation('dashboard');
  const { ref, calls, endpoint } = group;
  const last = calls[calls.length - 1]!;
  const probes = endpoint?.latencyWindow ?? [];
  const probeMedian = median(probes);
  const chartLabel = t('calls.chartAria', {
    count: calls.length,
    ref,
    firstByte: group.medianTtfbMs !== undefined ? formatDuration(group.medianTtfbMs) : '—',
    total: formatDuration(group.medianMs),
  });

  return (
    <article className="db-calls-model" data-testid="model-calls-model" data-ref={ref}>
      <header className="db-calls-head">
        <h3 className="mono db-calls-ref">{ref}</h3>
        <span className="muted small">
          {endpoint ? t('calls.server', { kind: t(`common:kind.${endpoint.kind ?? 'unknown'}`), url: endpoint.baseUrl }) : t('calls.serverUnknown')}
        </span>
      </header>
      <div className="db-calls-body">
        <CallChart calls={calls} label={chartLabel} />
        <dl className="db-calls-facts small">
          <div>
            <dt className="muted">{t('calls.lastCall')}</dt>
            <dd data-testid="calls-last">
              {last.ttfbMs !== undefined ? t('calls.lastValue', { firstByte: formatDuration(last.ttfbMs), total: formatDuration(last.ms) }) : formatDuration(last.ms)}{' '}
              <span className="muted">({formatRelative(Math.min(last.at, now), now)})</span>
            </dd>
          </div>
          {group.medianTtfbMs !== undefined && (
            <div>
              <dt className="muted">{t('calls.medianFirstByte', { count: calls.length, value: formatNumber(calls.length) })}</dt>
              <dd data-testid="calls-median">{formatDuration(group.medianTtfbMs)}</dd>
            </div>
          )}
          {group.maxTtfbMs !== undefined && (
            <div>
              <dt className="muted">{t('calls.slowestFirstByte')}</dt>
              <dd data-testid="calls-slowest">{formatDuration(group.maxTtfbMs)}</dd>
            </div>
          )}
          <div>
            <dt className="muted">{t('calls.probes')}</dt>
            <dd className="db-calls-probes" data-testid="calls-probes">
              {endpoint && probeMedian !== undefined ? (
                <>
                  <Sparkline values={probes} />
                  <span>{t('calls.probeMedian', { value: formatDuration(probeMedian) })}</span>
                </>
              ) : (
                <span className="muted">{t('calls.noProbes')}</span>
              )}
            </dd>
          </div>
        </dl>
      </div>
      <details className="db-calls-table">
        <summary className="small">{t('calls.showTable', { count: calls.length, value: formatNumber(calls.length) })}</summary>
        <table className="small">
          <thead>
            <tr>
              <th scope="col">{t('calls.when')}</th>
              <th scope="col">{t('calls.firstByte')}</th>
              <th scope="col">{t('calls.total')}</th>
            </tr>
          </thead>
          <tbody>
            {[...calls].reverse().map((c, i) => (
              <tr key={`${c.at}-${i}`} data-testid="call-row">
                <td>{formatDateTime(c.at, { seconds: true })}</td>
                <td>{c.ttfbMs !== undefined ? formatDuration(c.ttfbMs) : '—'}</td>
                <td>{formatDuration(c.ms)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </article>
  );
}
