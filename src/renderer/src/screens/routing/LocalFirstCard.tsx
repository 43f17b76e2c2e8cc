// "Use local first": the local model as primary with hosted fallbacks, or back to the order from before.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConfigView } from '../../../../shared/contract';
import { Switch } from '../../components/Switch';
import { formatDateTime } from '../../i18n/format';
import { useConfigStore } from '../../stores/config-store';
import { useStatusStore } from '../../stores/status-store';
import type { EditLock } from './edit-lock';
import { useSay } from '../../i18n/messages';

export function LocalFirstCard({ view, lock }: { view: ConfigView; lock: EditLock }): React.JSX.Element {
  const { t } = useTranslation('routing');
  const say = useSay();
  const propose = useConfigStore((s) => s.propose);
  const proposing = useConfigStore((s) => s.proposing);
  const descId = useId();
  const { on, remembered, restores } = view.localFirst;
  // What "off" brings back, exactly when Warmclaw remembers it; never a guess at the usual order.
  const offText = !restores
    ? t('localFirst.offText')
    : !restores.primary
      ? t('localFirst.offRestoresNone')
      : restores.fallbacks.length
        ? t('localFirst.offRestores', { primary: restores.primary, fallbacks: restores.fallbacks.join(' → ') })
        : t('localFirst.offRestoresOnly', { primary: restores.primary });
  // Auto-failover's last switch, when the routing in the file is still the one it set: say who and why.
  const lastSwitch = useStatusStore((s) => s.failover?.lastSwitch);
  const waiting = useStatusStore((s) => s.failover?.waitingForRun);
  const bySwitch = lastSwitch && lastSwitch.primary === view.routing.primary ? lastSwitch : undefined;
  // Turning off needs the order Warmclaw remembered; without it there is nothing to go back to.
  const cannotTurnOff = on && !remembered;
  // Agents with a hosted model of their own ignore the switch (OpenClaw #106504): offer to cover them in the same diff.
  const ownModel = (view.agents ?? []).filter((a) => !a.followsLocalFirst && !a.local).map((a) => a.id);
  const [coverAgents, setCoverAgents] = useState(false);
  return (
    <section className="card rt-card" data-testid="local-first">
      <div className="row rt-head">
        <h2 id={`${descId}-h`} className="section-title">
          {t('localFirst.title')}
        </h2>
        <span className="badge" data-tone={on ? 'ok' : undefined}>
          {on ? t('localFirst.stateOn') : t('localFirst.stateOff')}
        </span>
      </div>
      <div className="rt-switch-row" title={lock.reason ?? (cannotTurnOff ? t('localFirst.noMemory') : undefined)}>
        <Switch
          checked={on}
          label={t('localFirst.label')}
          describedBy={descId}
          disabled={lock.locked || cannotTurnOff}
          busy={proposing}
          testId="local-first-switch"
          onChange={(next) => void propose(next ? { type: 'local-first-on', input: coverAgents && ownModel.length ? { coverAgents: true } : {} } : { type: 'local-first-off', input: {} })}
        />
      </div>
      {!on && ownModel.length > 0 && (
        <label className="small rt-line" data-testid="cover-agents">
          <input type="checkbox" checked={coverAgents} disabled={lock.locked} onChange={(e) => setCoverAgents(e.target.checked)} />{' '}
          {t('localFirst.coverAgents', { count: ownModel.length, agents: ownModel.join(', ') })}
        </label>
      )}
      {bySwitch && (
        <p className="rt-line" role="status" data-testid="failover-reason">
          {t(bySwitch.direction === 'to-hosted' ? 'localFirst.failedOver' : 'localFirst.failedBack', { at: formatDateTime(bySwitch.at), reason: say(bySwitch.reasonMsg, bySwitch.reason) })}
        </p>
      )}
      {waiting && (
        <p className="rt-line muted small" data-testid="failover-waiting">
          {t('localFirst.failoverWaiting')}
        </p>
      )}
      <div id={descId} className="stack rt-explain">
        <p className="rt-line">
          <strong>{t('localFirst.onTerm')}</strong> {t('localFirst.onText')}
        </p>
        <p className="rt-line">
          <strong>{t('localFirst.offTerm')}</strong> <span data-testid="local-first-off-text">{offText}</span>
        </p>
        <p className="rt-line muted small">{remembered ? t('localFirst.remembered') : on ? t('localFirst.noMemory') : t('localFirst.willRemember')}</p>
      </div>
    </section>
  );
}
