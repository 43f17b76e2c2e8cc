// Every agent and the model it really runs: an agent's own model beats agents.defaults (OpenClaw
// #106504), so "use local first" does nothing for it. Shows each agent's primary and fallbacks, where
// each comes from, local or hosted, and whether it follows the switch. Read-only.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConfigView } from '../../../../shared/contract';
import { PlaceBadge } from './PlaceBadge';

export function AgentsCard({ view }: { view: ConfigView }): React.JSX.Element | null {
  const { t } = useTranslation('routing');
  const id = useId();
  const agents = view.agents ?? [];
  if (agents.length === 0) return null;
  const notFollowing = agents.filter((a) => !a.followsLocalFirst).map((a) => a.id);
  return (
    <section className="card rt-card" data-testid="agents" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`} className="section-title">
        {t('agents.title')}
      </h2>
      <p className="muted small">{notFollowing.length ? t('agents.notFollowing', { count: notFollowing.length, agents: notFollowing.join(', ') }) : t('agents.allFollow')}</p>
      <ul className="rt-agents">
        {agents.map((a) => (
          <li key={a.id} data-testid="agent-row" data-agent-id={a.id} data-follows={a.followsLocalFirst}>
            <div className="row">
              <strong className="mono">{a.id}</strong>
              {a.primary && <PlaceBadge local={a.local} />}
              <span className="badge" data-tone={a.followsLocalFirst ? 'ok' : 'warn'}>
                {a.followsLocalFirst ? t('agents.follows') : t('agents.ownModel')}
              </span>
            </div>
            <div className="small">
              <span className="mono">{a.primary ?? t('agents.noPrimary')}</span> <span className="muted">({a.primaryFrom === 'agent' ? t('agents.fromAgent') : t('agents.fromDefaults')})</span>
            </div>
            <div className="small muted">
              {t('agents.fallbacks', { list: a.fallbacks.join(' → ') || t('agents.none') })} ({a.fallbacksFrom === 'agent' ? t('agents.fromAgent') : t('agents.fromDefaults')})
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
