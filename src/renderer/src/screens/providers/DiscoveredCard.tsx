// A server Warmclaw found that openclaw.json does not use yet: what it serves, one-click add, or customize.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EndpointStatus } from '../../../../shared/status';
import { Button } from '../../components/Button';
import { formatTokens } from '../../i18n/format';
import { useConfigStore } from '../../stores/config-store';
import type { EditLock } from '../routing/edit-lock';
import { CustomizeDialog } from './CustomizeDialog';
import { defaultModels, freeProviderId, kindOf, providerCardHeading, quickAddInput, realContext } from './discovery';

export function DiscoveredCard({ endpoint, lock }: { endpoint: EndpointStatus; lock: EditLock }): React.JSX.Element {
  const { t } = useTranslation('providers');
  const { t: tc } = useTranslation();
  const view = useConfigStore((s) => s.view);
  const propose = useConfigStore((s) => s.propose);
  const proposing = useConfigStore((s) => s.proposing);
  const [customizing, setCustomizing] = useState(false);
  const [asked, setAsked] = useState(false);
  const id = useId();
  const kind = kindOf(endpoint);
  const noModels = endpoint.models.length === 0;
  const noChatModels = !noModels && defaultModels(endpoint).length === 0;
  const disabledReason = lock.reason ?? (noModels ? t('found.noModels') : noChatModels ? t('found.noChatModels') : undefined);

  const quickAdd = async () => {
    setAsked(true);
    try {
      // Once added, this card goes away: focus moves to the new provider's card.
      await propose({ type: 'add-provider', input: quickAddInput(endpoint, view) }, { focusAfter: providerCardHeading(freeProviderId(view, kind).id) });
    } finally {
      setAsked(false);
    }
  };

  return (
    <article className="pv-found" data-testid="discovered" data-endpoint-id={endpoint.id} aria-labelledby={`${id}-h`}>
      <div className="row pv-found-head">
        <h3 id={`${id}-h`} className="pv-h3">
          {tc(`kind.${kind}`)}
        </h3>
        <span className="pill" data-tone="ok">
          {tc('health.up')}
        </span>
        <span className="badge">{t(`found.source.${endpoint.source}`)}</span>
      </div>
      <p className="pv-url mono">{endpoint.baseUrl}</p>
      {noModels ? (
        <p className="muted small">{t('found.noModels')}</p>
      ) : (
        <ul className="pv-found-models" aria-label={t('found.modelsLabel', { kind: tc(`kind.${kind}`) })}>
          {endpoint.models.map((m) => {
            const cw = realContext(m);
            return (
              <li key={m.id}>
                <code className="pv-model-id">{m.id}</code>
                <span className="muted small">
                  {cw !== undefined ? (m.loadedContext !== undefined ? t('found.loadedContext', { tokens: formatTokens(cw) }) : t('found.maxContext', { tokens: formatTokens(cw) })) : t('found.unknownContext')}
                </span>
                {m.state === 'loaded' && (
                  <span className="badge" data-tone="ok">
                    {t('found.loaded')}
                  </span>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {!noModels && !noChatModels && (
        <p id={`${id}-what`} className="muted small pv-line">
          {t('found.addsModels', { count: defaultModels(endpoint).length })}
        </p>
      )}
      <div className="row pv-actions">
        <Button variant="primary" busy={asked && proposing} disabled={lock.locked || noModels || noChatModels} title={disabledReason} aria-describedby={`${id}-h ${id}-what`} onClick={() => void quickAdd()}>
          {t('found.add')}
        </Button>
        <Button disabled={lock.locked || noModels} title={disabledReason} onClick={() => setCustomizing(true)}>
          {t('found.customize')}
        </Button>
      </div>
      {customizing && <CustomizeDialog endpoint={endpoint} onClose={() => setCustomizing(false)} />}
    </article>
  );
}
