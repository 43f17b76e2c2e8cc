// One model on a server: state, context, unload time, size, cold starts, keep-warm status and controls.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { EndpointStatus, ModelStatus } from '../../../../shared/status';
import { Button } from '../../components/Button';
import { Switch } from '../../components/Switch';
import { formatBytes, formatDuration, formatNumber, formatRelative, formatTokens } from '../../i18n/format';
import { useSettingsStore } from '../../stores/settings-store';
import { coldStartKey, useStatusStore } from '../../stores/status-store';
import { canKeepWarm, effectiveWarmRefs, isKeptWarm, withWarm } from './warm-models';

const STATE_TONE: Record<ModelStatus['state'], 'ok' | 'warn' | undefined> = {
  loaded: 'ok',
  loading: 'warn',
  'not-loaded': undefined,
  sleeping: undefined,
  unknown: undefined,
};

export function ModelRow({ endpoint, model, now }: { endpoint: EndpointStatus; model: ModelStatus; now: number }): React.JSX.Element {
  const { t } = useTranslation('dashboard');
  const nameId = useId();
  const settings = useSettingsStore((s) => s.settings);
  const saving = useSettingsStore((s) => s.saving);
  const update = useSettingsStore((s) => s.update);
  const endpoints = useStatusStore((s) => s.endpoints);
  const warming = useStatusStore((s) => (model.ref ? Boolean(s.warming[model.ref]) : false));
  const warmNow = useStatusStore((s) => s.warmNow);
  const unloadNow = useStatusStore((s) => s.unloadNow);
  const seenCold = useStatusStore((s) => s.lastColdStart[coldStartKey(endpoint.id, model.id)]);

  const warm = model.warm;
  const cold =
    warm?.lastColdStartMs !== undefined
      ? { ms: warm.lastColdStartMs, at: warm.lastColdStartAt }
      : seenCold
        ? { ms: seenCold.ms, at: seenCold.at }
        : undefined;
  const explicit = settings?.warm.models;
  const keptWarm = isKeptWarm(model, explicit);
  const controllable = canKeepWarm(endpoint, model);

  const toggleWarm = (on: boolean) => {
    if (!model.ref || saving) return;
    const models = withWarm(effectiveWarmRefs(explicit, endpoints), model.ref, on);
    void update({ warm: { models } });
  };

  const facts: string[] = [];
  if (model.loadedContext && model.maxContext) facts.push(t('model.contextOf', { loaded: formatTokens(model.loadedContext), max: formatTokens(model.maxContext) }));
  else if (model.loadedContext) facts.push(t('model.contextLoaded', { loaded: formatTokens(model.loadedContext) }));
  else if (model.maxContext) facts.push(t('model.contextMax', { max: formatTokens(model.maxContext) }));
  if (model.expiresAt) facts.push(model.expiresAt > now ? t('model.unloadsIn', { when: formatRelative(model.expiresAt, now) }) : t('model.unloadDue'));
  if (model.sizeBytes !== undefined) facts.push(t('model.size', { size: formatBytes(model.sizeBytes) }));
  if (model.vramBytes !== undefined) facts.push(t('model.vram', { size: formatBytes(model.vramBytes) }));
  if (cold) facts.push(cold.at ? t('model.coldStartAt', { duration: formatDuration(cold.ms), when: formatRelative(cold.at, now) }) : t('model.coldStart', { duration: formatDuration(cold.ms) }));

  const warmFacts: string[] = [];
  if (warm?.enabled) {
    warmFacts.push(t('model.pings', { count: warm.pings, value: formatNumber(warm.pings) }));
    if (warm.lastPingAt) warmFacts.push(t('model.lastPing', { when: formatRelative(warm.lastPingAt, now) }));
    if (warm.nextPingAt) warmFacts.push(warm.nextPingAt > now ? t('model.nextPing', { when: formatRelative(warm.nextPingAt, now) }) : t('model.nextPingDue'));
    if (warm.coldStarts) warmFacts.push(t('model.coldStarts', { count: warm.coldStarts, value: formatNumber(warm.coldStarts) }));
  }

  return (
    <li className="db-model" data-testid="model-row" data-model-id={model.id} data-state={model.state}>
      <div className="db-model-main">
        <div className="db-model-name">
          <span id={nameId} className="mono db-model-id">
            {model.id}
          </span>
          <span className="badge" data-tone={STATE_TONE[model.state]} data-testid="model-state">
            {t(`state.${model.state}`)}
          </span>
        </div>
        {model.ref && model.ref !== model.id && (
          <div className="muted small">
            {t('model.ref')} <span className="mono">{model.ref}</span>
          </div>
        )}
        {facts.length > 0 && <div className="muted small db-facts">{facts.join(' · ')}</div>}
        {warmFacts.length > 0 && (
          <div className="small db-facts">
            <span className="db-warm-dot" aria-hidden="true" />
            {t('model.warmOn')} · {warmFacts.join(' · ')}
          </div>
        )}
        {warm?.lastError && (
          <div className="small db-error" role="note">
            {t('model.warmError', { error: warm.lastError })}
          </div>
        )}
      </div>
      {controllable && (
        <div className="db-model-actions">
          <span className="db-keep">
            <Switch checked={keptWarm} onChange={toggleWarm} label={t('model.keepWarmFor', { model: model.id })} hideLabel testId="keep-warm" />
            <span className="db-keep-label small" aria-hidden="true" onClick={() => toggleWarm(!keptWarm)}>
              {t('model.keepWarm')}
            </span>
          </span>
          <Button size="sm" busy={warming} aria-describedby={nameId} data-testid="warm-now" onClick={() => void warmNow(model.ref!)}>
            {t('model.warmNow')}
          </Button>
          {model.state === 'loaded' && (
            <Button size="sm" busy={warming} aria-describedby={nameId} data-testid="unload" onClick={() => void unloadNow(model.ref!)}>
              {t('model.unload')}
            </Button>
          )}
        </div>
      )}
    </li>
  );
}
