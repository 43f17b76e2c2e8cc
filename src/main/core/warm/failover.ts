// Auto-failover (off by default): when the local primary is down or cannot be warmed for `downForMs`,
// switch openclaw.json to hosted-first with the config engine's `local-first-off`; when the local model
// has been warm and reachable for `stableForMs`, switch back with `local-first-on`. The asymmetric
// thresholds plus a minimum dwell after every switch are the hysteresis: a server flapping faster than
// `stableForMs` never brings local back, so the routing never flaps. Every switch is a normal
// ConfigFile write (lock, validation, backup, atomic swap), hence undoable like any edit, is logged,
// and emits `failover`. A routing the user changed by hand in between is left alone.
//
// Never mid-turn: a config write while an OpenClaw run is using the local model makes the gateway's
// fallbacks fail too ("prepared model catalog owner config was replaced during the read", measured with
// OpenClaw 2026.9.6), so while the gateway reports a run on that model the switch waits for it to end
// (at most `maxDeferMs`), then writes at once.
import { EventEmitter } from 'node:events';
import type { EditCommand } from '../../../shared/config-edits';
import type { EndpointStatus, MonitorEvent } from '../../../shared/status';
import { systemClock, type Clock } from '../clock';
import { errorSaid } from '../errors';
import type { Logger } from '../log/logger';
import type { ApplyResult, ReadResult } from '../openclaw/config-file';
import { isLocalRef, readProviders, readRouting } from '../openclaw/config-model';
import type { KeepWarmState } from './keeper';
import { english, msg, type Message, type MessageCode, type WireMessage } from '../../../shared/messages';

export interface FailoverSettings {
  enabled: boolean;
  /** Local primary unusable this long → hosted first (ms). */
  downForMs: number;
  /** Local warm and reachable this long → local first again (ms). */
  stableForMs: number;
  /** No switch within this long of the previous one (ms; default = stableForMs). */
  minDwellMs?: number;
  /** Wait at most this long for a running OpenClaw turn on the local model before switching anyway (ms). */
  maxDeferMs?: number;
}

/** Why and when Warmclaw last switched the routing (kept in its data folder, shown by `local-first status`). */
export interface FailoverSwitch {
  direction: 'to-hosted' | 'to-local';
  at: number;
  localRef: string;
  /** The primary the switch left in the file. */
  primary?: string;
  reason: string;
  /** `reason` as a code the UI translates. */
  reasonMsg?: WireMessage;
}

export const DEFAULT_FAILOVER: FailoverSettings = { enabled: false, downForMs: 60_000, stableForMs: 120_000 };

/** true = warm and reachable; false = down or failing to warm; null = in between (loading, not looked at yet). */
export interface LocalHealth {
  healthy: boolean | null;
  reason: string;
  reasonMsg?: WireMessage;
}

/** The part of ConfigFile the failover needs. */
export interface FailoverConfig {
  readonly path: string;
  read(): Promise<ReadResult>;
  apply(cmd: EditCommand, origin?: { by: 'failover'; why: string; whyMsg?: WireMessage }): Promise<ApplyResult>;
}

export interface FailoverStatus {
  enabled: boolean;
  /** local: Warmclaw has not switched away; hosted: Warmclaw switched to hosted-first and may switch back. */
  mode: 'local' | 'hosted';
  localRef?: string;
  healthy: boolean | null;
  reason: string;
  reasonMsg?: WireMessage;
  unhealthySince?: number;
  healthySince?: number;
  lastSwitchAt?: number;
  lastSwitch?: FailoverSwitch;
  /** A switch is due but waits for a running OpenClaw turn on the local model to end. */
  waitingForRun?: boolean;
  switches: number;
  lastError?: string;
  lastErrorMsg?: WireMessage;
}

export interface AutoFailoverOptions {
  config: FailoverConfig;
  settings?: Partial<FailoverSettings>;
  clock?: Clock;
  logger?: Logger;
  /** True while an OpenClaw run is using this model (the gateway's run events); a switch waits for it. */
  busy?: (ref: string) => boolean;
  /** Called after every switch (the service keeps it in the data folder for the CLI and History). */
  onSwitch?: (s: FailoverSwitch) => void;
}

/** The health sample from the monitor's view of the endpoint and the keeper's view of the model. */
export function localHealth(endpoint: EndpointStatus | undefined, warm: KeepWarmState | undefined): LocalHealth {
  if (!endpoint) return { healthy: null, ...because(msg('failover.not-monitored')) };
  if (endpoint.health === 'down') return { healthy: false, ...serverSays(endpoint, msg('failover.server-down')) };
  if (endpoint.health === 'unknown') return { healthy: null, ...because(msg('failover.not-checked')) };
  // The warm failure's own words, with their code when the HTTP layer worded them (translated in the UI).
  if (warm?.failingSince !== undefined) return { healthy: false, ...(warm.warm.lastError !== undefined ? { reason: warm.warm.lastError, ...(warm.warm.lastErrorMsg && { reasonMsg: warm.warm.lastErrorMsg }) } : because(msg('failover.cannot-warm'))) };
  if (warm && warm.modelState === 'loaded') return { healthy: true, ...because(msg('failover.model-warm')) };
  if (!warm) return { healthy: endpoint.health === 'up', ...(endpoint.health === 'up' ? because(msg('failover.server-up')) : serverSays(endpoint, msg('failover.server-degraded'))) };
  return { healthy: null, ...because(msg(`failover.model-${warm.modelState}` satisfies MessageCode)) };
}

function because(m: Message): { reason: string; reasonMsg: Message } {
  return { reason: english(m), reasonMsg: m };
}

/** The endpoint's own error (with its code when the engine worded it), else `fallback`. */
function serverSays(endpoint: EndpointStatus, fallback: Message): { reason: string; reasonMsg?: WireMessage } {
  if (endpoint.lastError === undefined) return because(fallback);
  return { reason: endpoint.lastError, ...(endpoint.lastErrorMsg && { reasonMsg: endpoint.lastErrorMsg }) };
}

const secs = (ms: number) => Math.round(ms / 1000);

export class AutoFailover extends EventEmitter<{ event: [MonitorEvent] }> {
  private readonly clock: Clock;
  private settings: FailoverSettings;
  private mode: 'local' | 'hosted' = 'local';
  private localRef?: string;
  /** The primary our local-first-off left in the file; anything else means the user took over. */
  private hostedPrimary?: string;
  private health: LocalHealth = { healthy: null, reason: 'not checked yet', reasonMsg: msg('failover.not-checked-yet') };
  private unhealthySinceMono?: number;
  private healthySinceMono?: number;
  private unhealthySince?: number;
  private healthySince?: number;
  private lastSwitchMono = -Infinity;
  private lastSwitchAt?: number;
  private lastSwitch?: FailoverSwitch;
  /** Monotonic ms a due switch started waiting for a running turn. */
  private deferSinceMono?: number;
  private switches = 0;
  private lastError?: string;
  private lastErrorMsg?: Message;
  /** A switch to hosted failed (e.g. no remembered order): do not retry during the same outage. */
  private gaveUp = false;
  private cancelTimer?: () => void;
  private chain: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(private readonly opts: AutoFailoverOptions) {
    super();
    this.clock = opts.clock ?? systemClock;
    this.settings = { ...DEFAULT_FAILOVER, ...opts.settings };
  }

  setSettings(s: Partial<FailoverSettings>): void {
    this.settings = { ...this.settings, ...s };
    this.kick();
  }

  /** Feeds the current health of the local primary; call on every change (cheap when nothing changed). */
  update(h: LocalHealth): void {
    const mono = this.clock.monotonic();
    const now = this.clock.now();
    if (h.healthy === false) {
      if (this.unhealthySinceMono === undefined) {
        this.unhealthySinceMono = mono;
        this.unhealthySince = now;
      }
      this.healthySinceMono = undefined;
      this.healthySince = undefined;
    } else if (h.healthy === true) {
      if (this.healthySinceMono === undefined) {
        this.healthySinceMono = mono;
        this.healthySince = now;
      }
      this.unhealthySinceMono = undefined;
      this.unhealthySince = undefined;
      this.gaveUp = false;
    } else {
      this.healthySinceMono = undefined;
      this.healthySince = undefined;
    }
    this.health = h;
    this.kick();
  }

  status(): FailoverStatus {
    return {
      enabled: this.settings.enabled,
      mode: this.mode,
      localRef: this.localRef,
      healthy: this.health.healthy,
      reason: this.health.reason,
      ...(this.health.reasonMsg && { reasonMsg: this.health.reasonMsg }),
      unhealthySince: this.unhealthySince,
      healthySince: this.healthySince,
      lastSwitchAt: this.lastSwitchAt,
      lastSwitch: this.lastSwitch,
      waitingForRun: this.deferSinceMono !== undefined,
      switches: this.switches,
      lastError: this.lastError,
      ...(this.lastError !== undefined && this.lastErrorMsg && { lastErrorMsg: this.lastErrorMsg }),
    };
  }

  /** Resolves when no switch is being written. */
  idle(): Promise<void> {
    return this.chain;
  }

  stop(): void {
    this.stopped = true;
    this.cancelTimer?.();
  }

  private kick(): void {
    this.chain = this.chain.then(() => this.evaluate()).catch((err: unknown) => {
      this.lastError = err instanceof Error ? err.message : String(err);
      this.lastErrorMsg = undefined;
      this.opts.logger?.error('failover evaluation failed', { error: this.lastError });
    });
  }

  private arm(atMono: number): void {
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    if (this.stopped) return;
    const delay = Math.max(0, atMono - this.clock.monotonic());
    this.cancelTimer = this.clock.setTimeout(() => {
      this.cancelTimer = undefined;
      this.kick();
    }, delay);
  }

  private async evaluate(): Promise<void> {
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    if (!this.settings.enabled || this.stopped) return;
    const mono = this.clock.monotonic();
    const dwellUntil = this.lastSwitchMono + (this.settings.minDwellMs ?? this.settings.stableForMs);
    if (this.mode === 'local' && this.unhealthySinceMono !== undefined && !this.gaveUp) {
      const due = Math.max(this.unhealthySinceMono + this.settings.downForMs, dwellUntil);
      if (mono < due) this.arm(due);
      else if (!this.deferForRun(mono, this.currentLocalRef)) await this.toHosted(mono - this.unhealthySinceMono);
    } else if (this.mode === 'hosted' && this.healthySinceMono !== undefined) {
      const due = Math.max(this.healthySinceMono + this.settings.stableForMs, dwellUntil);
      if (mono < due) this.arm(due);
      else if (!this.deferForRun(mono, this.localRef)) await this.toLocal(mono - this.healthySinceMono);
    } else {
      this.deferSinceMono = undefined;
    }
  }

  /** The local primary the next switch would move away from (set by setLocalRef from the routing). */
  private currentLocalRef?: string;

  /** Tells the failover which ref is the local primary now (so a running turn on it defers a switch). */
  setLocalRef(ref: string | undefined): void {
    this.currentLocalRef = ref;
  }

  /** True (and re-armed) while a due switch must wait for an OpenClaw run on the local model. */
  private deferForRun(mono: number, ref: string | undefined): boolean {
    if (!ref || !this.opts.busy?.(ref)) {
      this.deferSinceMono = undefined;
      return false;
    }
    this.deferSinceMono ??= mono;
    if (mono - this.deferSinceMono >= (this.settings.maxDeferMs ?? 5 * 60_000)) {
      this.opts.logger?.warn('failover: a turn on the local model is still running; switching anyway', { ref });
      this.deferSinceMono = undefined;
      return false;
    }
    this.opts.logger?.info('failover: waiting for the running OpenClaw turn to end before writing', { ref });
    this.arm(mono + 1_000);
    return true;
  }

  private async toHosted(forMs: number): Promise<void> {
    const file = this.opts.config;
    const { doc } = await file.read();
    const routing = readRouting(doc);
    if (!isLocalRef(readProviders(doc), routing.primary)) {
      this.gaveUp = true;
      this.opts.logger?.info('failover: the primary is not local, nothing to switch', { primary: routing.primary });
      return;
    }
    const localRef = routing.primary!;
    const reasonMsg = msg('failover.to-hosted', { ref: localRef, seconds: secs(forMs), why: this.health.reasonMsg ?? this.health.reason });
    const reason = english(reasonMsg);
    let result: ApplyResult;
    try {
      result = await file.apply({ type: 'local-first-off', input: {} }, { by: 'failover', why: reason, whyMsg: reasonMsg });
    } catch (err) {
      this.gaveUp = true;
      this.lastErrorMsg = msg('failover.switch-hosted-failed', { error: errorSaid(err) });
      this.lastError = english(this.lastErrorMsg);
      this.opts.logger?.warn('failover to hosted failed', { error: this.lastError, config: file.path });
      return;
    }
    const after = readRouting((await file.read()).doc);
    this.mode = 'hosted';
    this.localRef = localRef;
    this.hostedPrimary = after.primary;
    this.recordSwitch({ direction: 'to-hosted', at: this.clock.now(), localRef, primary: after.primary, reason, reasonMsg });
    this.opts.logger?.info('failover: switched to hosted first', { from: localRef, to: after.primary, reason, config: file.path, backup: result.backup?.id, summary: result.summary });
    this.emit('event', { type: 'failover', direction: 'to-hosted', reason, reasonMsg });
  }

  private async toLocal(forMs: number): Promise<void> {
    const file = this.opts.config;
    const routing = readRouting((await file.read()).doc);
    if (routing.primary !== this.hostedPrimary) {
      // The user changed the routing since our switch: it is theirs now.
      this.opts.logger?.info('failover: routing was changed by hand since the switch; not switching back', { primary: routing.primary, expected: this.hostedPrimary });
      this.mode = 'local';
      this.hostedPrimary = undefined;
      return;
    }
    const localRef = this.localRef!;
    const reasonMsg = msg('failover.to-local', { ref: localRef, seconds: secs(forMs) });
    const reason = english(reasonMsg);
    let result: ApplyResult;
    try {
      result = await file.apply({ type: 'local-first-on', input: { localRef } }, { by: 'failover', why: reason, whyMsg: reasonMsg });
    } catch (err) {
      this.lastErrorMsg = msg('failover.switch-local-failed', { error: errorSaid(err) });
      this.lastError = english(this.lastErrorMsg);
      this.opts.logger?.warn('failover back to local failed', { error: this.lastError, config: file.path });
      this.healthySinceMono = this.clock.monotonic(); // try again after another stable period
      this.arm(this.healthySinceMono + this.settings.stableForMs);
      return;
    }
    this.mode = 'local';
    this.hostedPrimary = undefined;
    this.recordSwitch({ direction: 'to-local', at: this.clock.now(), localRef, primary: localRef, reason, reasonMsg });
    this.opts.logger?.info('failover: switched back to local first', { to: localRef, reason, config: file.path, backup: result.backup?.id, summary: result.summary });
    this.emit('event', { type: 'failover', direction: 'to-local', reason, reasonMsg });
  }

  private recordSwitch(s: FailoverSwitch): void {
    this.lastSwitchMono = this.clock.monotonic();
    this.lastSwitchAt = s.at;
    this.lastSwitch = s;
    this.deferSinceMono = undefined;
    this.switches++;
    this.lastError = undefined;
    this.lastErrorMsg = undefined;
    try {
      this.opts.onSwitch?.(s);
    } catch (err) {
      this.opts.logger?.warn('failover: could not record the switch', { error: err instanceof Error ? err.message : String(err) });
    }
  }
}

/**
 * Wires a failover to the monitor's and keeper's events for one local primary. Returns an unsubscribe
 * function. (Structural types keep this module free of a hard dependency on the Monitor class.)
 */
export function wireFailover(
  failover: AutoFailover,
  monitor: { on(e: 'event', l: (ev: MonitorEvent) => void): unknown; off(e: 'event', l: (ev: MonitorEvent) => void): unknown; status(id: string): EndpointStatus | undefined },
  keeper: { on(e: 'event', l: (ev: MonitorEvent) => void): unknown; off(e: 'event', l: (ev: MonitorEvent) => void): unknown; state(endpointId: string, modelId: string): KeepWarmState | undefined },
  local: { endpointId: string; modelId: string; ref?: string },
): () => void {
  failover.setLocalRef(local.ref);
  const sample = () => failover.update(localHealth(monitor.status(local.endpointId), keeper.state(local.endpointId, local.modelId)));
  const onMonitor = (ev: MonitorEvent) => {
    if ((ev.type === 'endpoint-changed' && ev.endpoint.id === local.endpointId) || (ev.type === 'endpoint-removed' && ev.id === local.endpointId)) sample();
  };
  const onKeeper = (ev: MonitorEvent) => {
    if ((ev.type === 'warm-ping' || ev.type === 'cold-start') && ev.endpointId === local.endpointId) sample();
  };
  monitor.on('event', onMonitor);
  keeper.on('event', onKeeper);
  sample();
  return () => {
    monitor.off('event', onMonitor);
    keeper.off('event', onKeeper);
  };
}
