// The engine's recent log lines (daemon.log or app.log), newest first: filter by level, server and
// text, follow the file while it grows, copy what is shown. The lines come as the file holds them:
// secrets already redacted, control characters shown as \u001b.
import { useEffect, useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { LogEntry } from '../../../shared/contract';
import { logLevels, logLineText } from '../../../shared/log-lines';
import { Button } from '../components/Button';
import { Switch } from '../components/Switch';
import { formatDateTime } from '../i18n/format';
import { NO_FILTERS, useLogStore } from '../stores/log-store';
import { useStatusStore } from '../stores/status-store';
import { useToastStore } from '../stores/toast-store';

/** How often a followed log is read again. */
const FOLLOW_MS = 3_000;
/** Typing pauses this long before the text filter asks again. */
const TYPING_MS = 250;

const TONE: Record<LogEntry['level'], string | undefined> = { debug: undefined, info: undefined, other: undefined, warn: 'warn', error: 'bad' };

function LogLine({ e }: { e: LogEntry }): React.JSX.Element {
  const { t } = useTranslation('logs');
  return (
    <li className="lg-line" data-testid="log-line" data-level={e.level}>
      <span className="lg-time mono">{e.t ? formatDateTime(e.t, { seconds: true }) : ''}</span>
      <span className="badge lg-level" data-tone={TONE[e.level]}>
        {t(`level.${e.level}`)}
      </span>
      <span className="lg-text">
        <span className="lg-msg">{e.msg}</span>
        {e.fields && <code className="lg-fields">{e.fields}</code>}
        {e.truncated && <span className="muted small"> {t('truncated')}</span>}
      </span>
    </li>
  );
}

export function LogsScreen(): React.JSX.Element {
  const { t } = useTranslation('logs');
  const ids = useId();
  const { filters, page, loading, error, follow, setFilters, clearFilters, setFollow, load } = useLogStore();
  const endpoints = useStatusStore((s) => s.endpoints);
  const filtered = filters.level !== NO_FILTERS.level || filters.text !== NO_FILTERS.text || filters.server !== NO_FILTERS.server;

  // Read again when a filter changes (text after a pause in typing).
  useEffect(() => {
    const timer = setTimeout(() => void load(), TYPING_MS);
    return () => clearTimeout(timer);
  }, [filters, load]);

  // Follow: read again every few seconds while this screen is open.
  useEffect(() => {
    if (!follow) return;
    const timer = setInterval(() => void load(), FOLLOW_MS);
    return () => clearInterval(timer);
  }, [follow, load]);

  const servers = useMemo(() => {
    const known = new Map(endpoints.map((e) => [e.id, e.kind ? t(`common:kind.${e.kind}`) : e.id] as const));
    if (filters.server && !known.has(filters.server)) known.set(filters.server, filters.server);
    return [...known];
  }, [endpoints, filters.server, t]);

  const entries = page?.entries ?? [];
  const copy = async () => {
    // Oldest first, like the file.
    const text = [...entries].reverse().map(logLineText).join('\n');
    try {
      await navigator.clipboard.writeText(text);
      useToastStore.getState().push({ kind: 'success', key: 'logs:copied', values: { count: entries.length } });
    } catch {
      useToastStore.getState().push({ kind: 'error', key: 'logs:copyFailed' });
    }
  };

  return (
    <div className="lg-screen">
      <h1 className="screen-title">{t('title')}</h1>
      <p className="screen-intro">{t('intro')}</p>
      <section className="card lg-bar" aria-label={t('filters')}>
        <div className="field">
          <label htmlFor={`${ids}-level`}>{t('levelLabel')}</label>
          <select id={`${ids}-level`} className="select" data-testid="log-level" value={filters.level} onChange={(e) => setFilters({ level: e.target.value as typeof filters.level })}>
            <option value="">{t('levelAll')}</option>
            {logLevels.map((l) => (
              <option key={l} value={l}>
                {t(`levelAtLeast.${l}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${ids}-server`}>{t('serverLabel')}</label>
          <select id={`${ids}-server`} className="select" data-testid="log-server" value={filters.server} onChange={(e) => setFilters({ server: e.target.value })}>
            <option value="">{t('serverAll')}</option>
            {servers.map(([id, label]) => (
              <option key={id} value={id}>
                {label === id ? id : `${label} · ${id}`}
              </option>
            ))}
          </select>
        </div>
        <div className="field lg-search">
          <label htmlFor={`${ids}-text`}>{t('textLabel')}</label>
          <input
            id={`${ids}-text`}
            className="input"
            type="search"
            data-testid="log-text"
            placeholder={t('textPlaceholder')}
            value={filters.text}
            maxLength={200}
            onChange={(e) => setFilters({ text: e.target.value })}
            onKeyDown={(e) => {
              if (e.key === 'Escape' && filters.text) {
                e.preventDefault();
                setFilters({ text: '' });
              }
            }}
          />
        </div>
        <div className="lg-actions">
          <Switch checked={follow} onChange={setFollow} label={t('follow')} testId="log-follow" />
          <Button size="sm" onClick={() => void load()} busy={loading} data-testid="log-refresh">
            {t('common:action.refresh')}
          </Button>
          <Button size="sm" onClick={() => void copy()} disabled={entries.length === 0} data-testid="log-copy">
            {t('copy')}
          </Button>
          <Button size="sm" variant="ghost" onClick={clearFilters} disabled={!filtered} data-testid="log-clear">
            {t('clear')}
          </Button>
        </div>
      </section>

      {error && (
        <div className="banner" data-tone="bad" role="alert" data-testid="log-error">
          <h2>{t('error')}</h2>
          <p>{error}</p>
        </div>
      )}

      <p className="muted small" role="status" data-testid="log-summary">
        {page && (page.file === null ? t('noFile') : entries.length ? t(page.more ? 'showingMore' : 'showing', { count: entries.length, file: page.file }) : '')}
      </p>

      {!page ? (
        !error && (
          <p className="muted" role="status">
            <span className="spinner" aria-hidden="true" /> {t('common:app.loading')}
          </p>
        )
      ) : entries.length === 0 ? (
        <section className="card empty" data-testid="log-empty">
          <h2>{t(filtered ? 'emptyFiltered' : 'empty')}</h2>
          <p className="muted">{t(filtered ? 'emptyFilteredHint' : 'emptyHint')}</p>
          {filtered && (
            <Button size="sm" onClick={clearFilters}>
              {t('clear')}
            </Button>
          )}
        </section>
      ) : (
        <ol className="card lg-list" aria-label={t('listLabel')} tabIndex={0} data-testid="log-list">
          {entries.map((e, i) => (
            <LogLine key={`${e.t}-${i}`} e={e} />
          ))}
        </ol>
      )}
    </div>
  );
}
