// One configured provider: where it is, its API and (masked) key, the live server's health, and its
// models with the configured limits beside what the server really runs.
import { SERVER_STATE_TONE, serverState } from '../../../../shared/states';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConfigView } from '../../../../shared/contract';
import type { EndpointStatus } from '../../../../shared/status';
import { GUIDE_MIN_CONTEXT, OPENCLAW_MIN_CONTEXT, OPENCLAW_WARN_CONTEXT, providerApis, type ProviderApi } from '../../../../shared/openclaw-constants';
import { Button } from '../../components/Button';
import { isHttpUrl } from '../../components/url';
import { useConfigStore } from '../../stores/config-store';
import { WarningList } from '../../components/WarningList';
import { formatDuration, formatNumber, formatTokens } from '../../i18n/format';
import type { EditLock } from '../routing/edit-lock';
import { PlaceBadge } from '../routing/PlaceBadge';
import { BaseUrlDialog } from './BaseUrlDialog';
import { ProviderOptionsDialog } from './ProviderOptionsDialog';
import { kindOf, modelInput, realContext, undeclaredModels } from './discovery';
import { ModelEditDialog } from './ModelEditDialog';
import { ModelTestDialog } from '../dashboard/ModelTestDialog';
import { useSay } from '../../i18n/messages';

type Provider = ConfigView['providers'][number];
type Model = Provider['models'][number];


function MaskedKey({ apiKey }: { apiKey: Provider['apiKey'] }): React.JSX.Element {
  const { t } = useTranslation('providers');
  if (apiKey.state === 'not-set') return <span className="muted">{t('key.notSet')}</span>;
  if (apiKey.state === 'env')
    return (
      <span>
        {t('key.env')} <code>{`\${${apiKey.hint ?? '…'}}`}</code>
      </span>
    );
  return <span>{apiKey.hint ? t('key.setHint', { hint: apiKey.hint }) : t('key.set')}</span>;
}

function Cost({ cost }: { cost: Model['cost'] }): React.JSX.Element {
  const { t } = useTranslation('providers');
  if (!cost) return <span className="muted">{t('table.none')}</span>;
  const v = (k: 'input' | 'output' | 'cacheRead' | 'cacheWrite') => (cost[k] === undefined ? '—' : formatNumber(cost[k]));
  if (['input', 'output', 'cacheRead', 'cacheWrite'].every((k) => (cost as Record<string, number | undefined>)[k] === 0)) return <span>{t('cost.free')}</span>;
  return <span className="small">{t('cost.value', { input: v('input'), output: v('output'), cacheRead: v('cacheRead'), cacheWrite: v('cacheWrite') })}</span>;
}

export function ProviderCard({ provider, endpoint, warnings, lock }: { provider: Provider; endpoint?: EndpointStatus; warnings: ConfigView['warnings']; lock: EditLock }): React.JSX.Element {
  const { t } = useTranslation('providers');
  const { t: tc } = useTranslation();
  const say = useSay();
  const lastError = endpoint?.lastError !== undefined ? say(endpoint.lastErrorMsg, endpoint.lastError) : undefined;
  const uid = useId();
  const [editing, setEditing] = useState<string | null>(null);
  /** The model whose Test dialog is open (a read-only chat: allowed while the file is locked for edits). */
  const [testing, setTesting] = useState<string | null>(null);
  const [editingUrl, setEditingUrl] = useState(false);
  const [editingOptions, setEditingOptions] = useState(false);
  const [adding, setAdding] = useState<string | null>(null);
  const propose = useConfigStore((s) => s.propose);
  const proposing = useConfigStore((s) => s.proposing);
  // Models the live server lists that the file does not declare for this provider yet.
  const more = endpoint?.health === 'up' ? undeclaredModels(endpoint, provider.models) : [];
  const addModel = async (m: (typeof more)[number]) => {
    if (!endpoint) return;
    setAdding(m.id);
    try {
      // add-provider on an existing id upserts the given models and leaves the others as they are;
      // baseUrl and api are the provider's own (so nothing else changes).
      await propose({
        type: 'add-provider',
        input: {
          kind: kindOf(endpoint),
          id: provider.id,
          ...(provider.baseUrl && isHttpUrl(provider.baseUrl) && { baseUrl: provider.baseUrl }),
          ...(provider.api && (providerApis as readonly string[]).includes(provider.api) && { api: provider.api as ProviderApi }),
          models: [modelInput(m)],
        },
      });
    } finally {
      setAdding(null);
    }
  };
  const serverModel = (m: Model) => endpoint?.models.find((s) => s.id === m.id || s.ref === `${provider.id}/${m.id}`);
  const editingModel = provider.models.find((m) => m.id === editing);

  return (
    <article className="card pv-card" data-testid="provider-card" data-provider-id={provider.id} aria-labelledby={`${uid}-h`}>
      <div className="row pv-card-head">
        <h2 id={`${uid}-h`} className="pv-h2 mono" tabIndex={-1}>
          {provider.id}
        </h2>
        <PlaceBadge local={provider.local} />
        <span className="spacer" />
        {endpoint ? (
          <span className="pill" data-tone={SERVER_STATE_TONE[serverState(endpoint)]} data-testid="provider-health" data-health={endpoint.health} data-state={serverState(endpoint)} title={lastError ?? endpoint.note}>
            {tc(`serverState.${serverState(endpoint)}`)}
            {endpoint.latencyMs !== undefined && endpoint.health !== 'down' && <span className="pv-latency">{formatDuration(endpoint.latencyMs)}</span>}
          </span>
        ) : (
          provider.local && <span className="badge">{t('card.notWatched')}</span>
        )}
      </div>
      <dl className="pv-facts">
        <div>
          <dt>{t('card.baseUrl')}</dt>
          <dd className="pv-baseurl">
            <span className="mono" data-testid="provider-base-url">
              {provider.baseUrl ?? <span className="muted">{t('table.none')}</span>}
            </span>
            <Button size="sm" variant="ghost" disabled={lock.locked} title={lock.reason} aria-label={t('card.editBaseUrlOf', { id: provider.id })} onClick={() => setEditingUrl(true)} data-testid="edit-base-url">
              {t('card.editBaseUrl')}
            </Button>
          </dd>
        </div>
        <div>
          <dt>{t('card.api')}</dt>
          <dd>{provider.api ? <code>{provider.api}</code> : <span className="muted">{t('table.none')}</span>}</dd>
        </div>
        <div>
          <dt>{t('card.apiKey')}</dt>
          <dd data-testid="api-key" data-state={provider.apiKey.state}>
            <MaskedKey apiKey={provider.apiKey} />
          </dd>
        </div>
        {endpoint?.kind && (
          <div>
            <dt>{t('card.server')}</dt>
            <dd>
              {tc(`kind.${endpoint.kind}`)}
              {endpoint.version && <span className="muted"> {endpoint.version}</span>}
            </dd>
          </div>
        )}
      </dl>
      {endpoint?.health !== 'up' && lastError && (
        <p className="pv-note" data-tone={endpoint?.health === 'down' ? 'bad' : 'warn'}>
          {lastError}
        </p>
      )}
      {provider.models.length === 0 ? (
        <p className="muted">{t('card.noModels')}</p>
      ) : (
        <div className="pv-table-wrap" role="region" aria-label={t('table.label', { id: provider.id })} tabIndex={0}>
          <table className="pv-table">
            <thead>
              <tr>
                <th scope="col">{t('table.model')}</th>
                <th scope="col">{t('table.context')}</th>
                <th scope="col">{t('table.maxTokens')}</th>
                <th scope="col">{t('table.reasoning')}</th>
                <th scope="col">{t('table.input')}</th>
                <th scope="col">{t('table.cost')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('table.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {provider.models.map((m) => {
                const sm = serverModel(m);
                const server = sm ? realContext(sm) : undefined;
                const tooBig = server !== undefined && m.contextWindow !== undefined && m.contextWindow > server;
                const small = m.contextWindow !== undefined && m.contextWindow < GUIDE_MIN_CONTEXT;
                return (
                  <tr key={m.id} data-testid="model-row" data-model-id={m.id}>
                    <th scope="row" className="pv-model-cell">
                      <code className="pv-model-id">{m.id}</code>
                      {m.name && m.name !== m.id && <span className="muted small pv-model-name">{m.name}</span>}
                    </th>
                    <td>
                      <span className={small ? 'pv-warn-text' : undefined}>{m.contextWindow !== undefined ? formatTokens(m.contextWindow) : t('table.none')}</span>
                      {server !== undefined && (
                        <span className="small pv-server" data-tone={tooBig ? 'warn' : undefined} data-testid="server-context">
                          {sm?.loadedContext !== undefined ? t('table.serverLoaded', { value: formatNumber(server) }) : t('table.serverMax', { value: formatNumber(server) })}
                        </span>
                      )}
                    </td>
                    <td>{m.maxTokens !== undefined ? formatNumber(m.maxTokens) : <span className="muted">{t('table.none')}</span>}</td>
                    <td>{m.reasoning === undefined ? <span className="muted">{t('table.none')}</span> : m.reasoning ? t('table.yes') : t('table.no')}</td>
                    <td>{(m.input ?? []).length ? (m.input ?? []).map((k) => t(`input.${k}`, { defaultValue: k })).join(', ') : <span className="muted">{t('table.none')}</span>}</td>
                    <td>
                      <Cost cost={m.cost} />
                    </td>
                    <td className="pv-actions-cell">
                      <Button size="sm" disabled={lock.locked} title={lock.reason} aria-label={t('table.editModel', { id: m.id })} onClick={() => setEditing(m.id)}>
                        {t('table.edit')}
                      </Button>
                      <Button size="sm" aria-label={t('table.testModel', { id: m.id })} data-testid="model-test" onClick={() => setTesting(m.id)}>
                        {t('table.test')}
                      </Button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {more.length > 0 && (
        <div className="pv-more" data-testid="server-more">
          <h3 className="pv-h3">{t('card.serverMore')}</h3>
          <p className="muted small pv-line">{t('card.serverHasMore', { count: more.length, id: provider.id })}</p>
          <ul className="pv-found-models">
            {more.map((m) => {
              const cw = realContext(m);
              return (
                <li key={m.id} data-testid="undeclared-model" data-model-id={m.id}>
                  <code className="pv-model-id">{m.id}</code>
                  <span className="muted small">
                    {cw !== undefined ? (m.loadedContext !== undefined ? t('found.loadedContext', { tokens: formatTokens(cw) }) : t('found.maxContext', { tokens: formatTokens(cw) })) : t('found.unknownContext')}
                  </span>
                  <Button
                    size="sm"
                    disabled={lock.locked || (proposing && adding !== m.id)}
                    busy={adding === m.id && proposing}
                    title={lock.reason}
                    aria-label={t('card.addModelOf', { model: m.id, id: provider.id })}
                    onClick={() => void addModel(m)}
                  >
                    {t('card.addModel')}
                  </Button>
                </li>
              );
            })}
          </ul>
        </div>
      )}
      <p className="muted small pv-line">
        {t('card.contextExplain', { min: formatNumber(OPENCLAW_MIN_CONTEXT), warn: formatNumber(OPENCLAW_WARN_CONTEXT), guide: formatNumber(GUIDE_MIN_CONTEXT), large: formatNumber(196608) })}
      </p>
      {warnings.length > 0 && (
        <div className="pv-warnings">
          <h3 className="pv-h3">{t('card.warnings')}</h3>
          <WarningList warnings={warnings} allowFix={!lock.locked} />
        </div>
      )}
      <footer className="pv-card-foot">
        <Button size="sm" disabled={lock.locked || proposing} title={lock.reason} aria-label={t('card.providerSettingsOf', { id: provider.id })} data-testid="provider-settings" onClick={() => setEditingOptions(true)}>
          {t('card.providerSettings')}
        </Button>
        {/* The diff shows the block and every routing entry, alias and agent model that names it. */}
        <Button
          size="sm"
          variant="danger"
          disabled={lock.locked || proposing}
          title={lock.reason}
          aria-label={t('card.removeProviderOf', { id: provider.id })}
          data-testid="remove-provider"
          onClick={() => void propose({ type: 'remove-provider', input: { id: provider.id, withRefs: true } })}
        >
          {t('card.removeProvider')}
        </Button>
      </footer>
      {editingOptions && <ProviderOptionsDialog provider={provider} onClose={() => setEditingOptions(false)} />}
      {editingUrl && <BaseUrlDialog providerId={provider.id} current={provider.baseUrl} onClose={() => setEditingUrl(false)} />}
      {testing && <ModelTestDialog modelRef={`${provider.id}/${testing}`} onClose={() => setTesting(null)} />}
      {editingModel && (
        <ModelEditDialog
          providerId={provider.id}
          model={editingModel}
          serverContext={(() => {
            const sm = serverModel(editingModel);
            return sm ? realContext(sm) : undefined;
          })()}
          onClose={() => setEditing(null)}
        />
      )}
    </article>
  );
}
