// The warm-keeper: pure policy, the driver that runs it on a Clock, and auto-failover.
import type { EndpointStatus, ModelStatus, MonitorEvent } from '../../../shared/status';
import type { WarmKeeper } from './keeper';

export * from './policy';
export * from './schedule';
export { WarmKeeper, holdsEnough, warmOptionsFor, type KeepWarmTarget, type KeepWarmState, type WarmKeeperOptions, type WarmStats } from './keeper';
export { AutoFailover, DEFAULT_FAILOVER, localHealth, wireFailover, type FailoverSettings, type FailoverStatus, type FailoverSwitch, type LocalHealth, type FailoverConfig } from './failover';
export { httpActivityProbe, readLoad, readSlots, type ActivityProbe, type ActivityReading } from './activity';
export { ollamaRequestShape, ollamaDuration, ollamaDurationMs, OLLAMA_RUNNER_OPTIONS, type OllamaModelConfig } from './ollama-options';
export { configuredModels, keptWarmByKeeper, keepWarmRefs, openclawIdleStopMs, keepWarmTargetsFromConfig, keeperTarget, lmstudioPreloadContext, OPENCLAW_LMSTUDIO_PROVIDER, type ConfiguredKeepWarm, type TargetContext } from './targets';

/**
 * Connects a keeper to a monitor: monitor statuses refine what the keeper knows (and wake it when a kept
 * model goes away), a detected wake from sleep makes it look again, and its stats show in ModelStatus.warm
 * (pass `onWarmStatus: monitor.setWarm` to the keeper for that part). Returns an unsubscribe function.
 */
export function connectKeeper(
  keeper: WarmKeeper,
  monitor: {
    on(e: 'event', l: (ev: MonitorEvent) => void): unknown;
    on(e: 'wake', l: (ev: { jumpMs: number }) => void): unknown;
    off(e: 'event', l: (ev: MonitorEvent) => void): unknown;
    off(e: 'wake', l: (ev: { jumpMs: number }) => void): unknown;
    statuses(): EndpointStatus[];
    setWarm?(endpointId: string, modelId: string, warm: ModelStatus['warm'] | undefined): void;
  },
): () => void {
  const onEvent = (ev: MonitorEvent) => {
    if (ev.type === 'endpoint-changed') keeper.observeStatus(ev.endpoint);
  };
  const onWake = () => void keeper.refresh();
  monitor.on('event', onEvent);
  monitor.on('wake', onWake);
  for (const s of monitor.statuses()) keeper.observeStatus(s);
  return () => {
    monitor.off('event', onEvent);
    monitor.off('wake', onWake);
  };
}
