// The monitor: per-endpoint state, schedules, liveness and context-window truth.
export { Monitor, type MonitorOptions, type MonitoredEndpoint, type AdapterLookup, type MonitorEvents } from './monitor';
export { contextMismatches, type ConfiguredModel, type ContextMismatch, type ContextFindingCode } from './context';
export { DEFAULT_POLL, baseDelay, nextProbeDelay, type PollSettings, type ProbeHistory } from './schedule';
export { ConnectionWatch, canConnect, socketAddress, type LostReason, type WatchOptions } from './liveness';
export { LIMITS, mergeModels, significantKey, pushLatency } from './state';
export { lookOnce } from './look-once';
