// One model on a server: state, context, unload time, size, cold starts, keep-warm status and controls.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EndpointStatus, ModelStatus } from '../../../../shared/status';
import { canUnload, loadingSeconds, MODEL_STATE_TONE, modelView } from '../../../../shared/states';
import { Button } from '../../components/Button';
import { Switch } from '../../components/Switch';
import { formatBytes, formatDuration, formatNumber, formatRelative, formatTokens } from '../../i18n/format';
import { useSettingsStore } from '../../stores/settings-store';
import { coldStartKey, useStatusStore } from '../../stores/status-store';
import { ModelTestDialog } from './ModelTestDialog';
import { canKeepWarm, effectiveWarmRefs, isKeptWarm, withWarm } from './warm-models';
import { useSay } from '../../i18n/messages';

export function ModelRow({ endpoint, model, now }: { endpoint: EndpointStatus; model: ModelStatus; now: number }): React.JSX.Element {
  const { t } = useTranslation('dashboard');
  const nameId = useId();
  const say = useSay();
  const settings = useSettingsStore((s) => s.settings);
  const saving = useSettingsStore((s) => s.saving);
  const update = useSettingsStore((s) => s.update);
  const endpoints = useStatusStore((s) => s.endpoints);
  const engineKeep = useStatusStore((s) => s.keepWarm);
  const blocked = useStatusStore((s) => (model.ref ? s.blocked.includes(model.ref) : false));
  const warming = useStatusStore((s) => (model.ref ? Boolean(s.warming[model.ref]) : false));
  const warmNow = useStatusStore((s) => s.warmNow);
  const unloadNow = useStatusStore((s) => s.unloadNow);
  const seenCold = useStatusStore((s) => s.lastColdStart[coldStartKey(endpoint.id, model.id)]);
  const [testing, setTesting] = useState(false);

  const warm = model.warm;
  const cold =
    warm?.lastColdStartMs !== undefined
      ? { ms: warm.lastColdStartMs, at: warm.lastColdStartAt }
      : seenCold
        ? { ms: seenCold.ms, at: seenCold.at }
        : undefined;
  const explicit = settings?.warm.models;
  const keptWarm = isKeptWarm(model, explicit, engineKeep);
  const controllable = canKeepWarm(endpoint, model);
  const paused = !!settings && (settings.warm.paused || !settings.warm.enabled);
  // The same words as the tray and `warmclaw status` (src/shared/states.ts).
  const view = modelView(endpoint, model, { paused, keptWarm, blocked });

  const toggleWarm = (on: boolean) => {
    if (!model.ref || saving) return;
    const models = withWarm(effectiveWarmRefs(explicit, endpoints, engineKeep), model.ref, on);
    void update({ warm: { models } });
  };

  const facts: string[] = [];
  if (model.loadedContext && model.maxContext) facts.push(t('model.contextOf', { loaded: formatTokens(model.loadedContext), max: formatTokens(model.maxContext) }));
  else if (model.loadedContext) facts.push(t('model.contextLoaded', { loaded: formatTokens(model.loadedContext) }));
  else if (model.maxContext) facts.push(t('model.contextMax', { max: formatTokens(model.maxContext) }));
  if (model.expiresAt) facts.push(model.expiresAt > now ? t('model.unloadsIn', { when: formatRelative(model.expiresAt, now) }) : t('model.unloadDue'));
  else if (model.idleUnloadMs) facts.push(t('model.unloadsIdle', { duration: formatDuration(model.idleUnloadMs) }));
  if (model.sizeBytes !== undefined) facts.push(t('model.size', { size: formatBytes(model.sizeBytes) }));
  if (model.vramBytes !== undefined) facts.push(t('model.vram', { size: formatBytes(model.vramBytes) }));
  if (cold) facts.push(cold.at ? t('model.coldStartAt', { duration: formatDuration(cold.ms), when: formatRelative(cold.at, now) }) : t('model.coldStart', { duration: formatDuration(cold.ms) }));

  const warmFacts: string[] = [];
  if (keptWarm && warm?.enabled) {
    warmFacts.push(t('model.pings', { count: warm.pings, value: formatNumber(warm.pings) }));
    if (warm.lastPingAt) warmFacts.push(t('model.lastPing', { when: formatRelative(warm.lastPingAt, now) }));
    if (warm.nextPingAt) warmFacts.push(warm.nextPingAt > now ? t('model.nextPing', { when: formatRelative(warm.nextPingAt, now) }) : t('model.nextPingDue'));
    if (warm.coldStarts) warmFacts.push(t('model.coldStarts', { count: warm.coldStarts, value: formatNumber(warm.coldStarts) }));
  }

  return (
    <li className="db-model" data-testid="model-row" data-model-id={model.id} data-state={model.state} data-view-state={view.state} data-keep={view.keep}>
      <div className="db-model-main">
        <div className="db-model-name">
          <span id={nameId} className="mono db-model-id">
            {model.id}
          </span>
          <span className="badge" data-tone={MODEL_STATE_TONE[view.state]} data-testid="model-state">
            {view.loadedContext !== undefined
              ? t('state.loadedAt', { context: formatTokens(view.loadedContext) })
              : view.state === 'loading' && model.loadingSince !== undefined
                ? t('state.loadingFor', { seconds: loadingSeconds(model.loadingSince, now) })
                : t(`state.${view.state}`)}
          </span>
        </div>
        {model.ref && model.ref !== model.id && (
          <div className="muted small">
            {t('model.ref')} <span className="mono">{model.ref}</span>
          </div>
        )}
        {facts.length > 0 && <div className="muted small db-facts">{facts.join(' · ')}</div>}
        {view.keep !== 'off' && (
          <div className="small db-facts" data-testid="keep-state">
            <span className="db-warm-dot" data-keep={view.keep} aria-hidden="true" />
            {[t(`keep.${view.keep}`), ...warmFacts].join(' · ')}
          </div>
        )}
        {warm?.lastError && (
          <div className="small db-error" role="note">
            {t('model.warmError', { error: say(warm.lastErrorMsg, warm.lastError) })}
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
          <Button size="sm" aria-label={t('model.testFor', { model: model.id })} data-testid="model-test" onClick={() => setTesting(true)}>
            {t('model.test')}
          </Button>
          {testing && <ModelTestDialog modelRef={model.ref!} onClose={() => setTesting(false)} />}
          {model.state === 'loaded' && canUnload(endpoint) && (
            <Button size="sm" busy={warming} aria-describedby={nameId} data-testid="unload" onClick={() => void unloadNow(model.ref!)}>
              {t('model.unload')}
            </Button>
          )}
        </div>
      )}
    </li>
  );
}
