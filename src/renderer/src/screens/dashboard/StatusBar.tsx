// Above the grid: why the tray looks the way it does, failover, Refresh, and the global pause.
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/Button';
import { useSummaryReason } from '../../components/SummaryPill';
import { Switch } from '../../components/Switch';
import { useSettingsStore } from '../../stores/settings-store';
import { useStatusStore } from '../../stores/status-store';
import { formatBytes } from '../../i18n/format';
import { memoryHeld } from '../../../../shared/states';
import { useSay } from '../../i18n/messages';

export function StatusBar(): React.JSX.Element {
  const { t } = useTranslation('dashboard');
  const say = useSay();
  const summary = useStatusStore((s) => s.summary);
  const reason = useSummaryReason();
  const failover = useStatusStore((s) => s.failover);
  const refreshing = useStatusStore((s) => s.refreshing);
  const refresh = useStatusStore((s) => s.refresh);
  const settings = useSettingsStore((s) => s.settings);
  const update = useSettingsStore((s) => s.update);
  const paused = settings?.warm.paused ?? false;
  const endpoints = useStatusStore((s) => s.endpoints);
  // What keeping models loaded costs right now (where the runtimes report sizes).
  const held = memoryHeld(endpoints);

  return (
    <section className="card db-bar" aria-label={t('bar.label')} data-testid="status-bar">
      <div className="db-bar-text">
        {summary && (
          <p className="db-bar-line" data-testid="summary-reason">
            <span className="db-bar-key">{t('bar.state')}</span> {reason}
          </p>
        )}
        {held.models > 0 && (
          <p className="db-bar-line" data-testid="memory-held">
            <span className="db-bar-key">{t('bar.memory')}</span> {t('bar.memoryHeld', { size: formatBytes(held.bytes), count: held.models })}
          </p>
        )}
        {failover?.enabled && (
          <p className="db-bar-line" data-testid="failover-state" data-mode={failover.mode}>
            <span className="db-bar-key">{t('bar.failover')}</span>{' '}
            <span className="badge" data-tone={failover.mode === 'hosted' ? 'warn' : 'ok'}>
              {t(`bar.mode.${failover.mode}`)}
            </span>{' '}
            <span className="muted">{say(failover.reasonMsg, failover.reason)}</span>
          </p>
        )}
      </div>
      <div className="db-bar-actions">
        {settings && (
          <Switch checked={paused} onChange={(next) => void update({ warm: { paused: next } })} label={t('bar.pause')} testId="pause-warm" />
        )}
        <Button busy={refreshing} onClick={() => void refresh()} data-testid="refresh">
          {t('common:action.refresh')}
        </Button>
      </div>
    </section>
  );
}
