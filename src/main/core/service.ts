// Composition root: settings + openclaw.json + monitor + warm-keeper + auto-failover, wired once for
// the headless daemon, the CLI and (later) the Electron shell. The only place that knows them all.
import { msg } from '../../shared/messages';
import { createHash } from 'node:crypto';
import type { Settings } from '../../shared/settings';
import { systemClock, type Clock } from './clock';
import { adapterFor, candidateEndpoints, discover, type ConfigProviderInput } from './endpoints';
import type { EndpointKind, EndpointStatus, ModelStatus, MonitorEvent } from '../../shared/status';
import { createLogger, type Logger } from './log/logger';
import { Monitor, type MonitoredEndpoint } from './monitor/monitor';
import { isLocalProvider, readProviders } from './openclaw/config-model';
import { gatewayTarget, type GatewayTarget } from './openclaw/gateway';
import { GatewayActivity, type ModelCall } from './openclaw/gateway-activity';
import type { Json5Document } from './openclaw/json5-document';
import type { BackgroundCheck } from './openclaw/config-file';
import { openConfig, type OpenedConfig } from './openclaw/open-config';
import { warmclawDataDir } from './paths';
import { writeFailoverRecord } from './warm/failover-record';
import { SettingsStore, type SettingsFileOpener } from './settings/settings-store';
import { WarmclawError } from './errors';
import { AutoFailover, WarmKeeper, connectKeeper, holdsEnough, keeperTarget, keptWarmByKeeper, keepWarmRefs, keepWarmTargetsFromConfig, ollamaDurationMs, warmOptionsFor, wireFailover, type KeepWarmTarget, type TargetContext } from './warm';
import type { ChangedFile } from './reload-watcher';

export interface ServiceOptions {
  env: NodeJS.ProcessEnv;
  configFlag?: string;
  dataDir?: string;
  clock?: Clock;
  logger?: Logger;
  /** The file `logger` writes (daemon.log, app.log): what `log.recent` reads back. */
  logFile?: string;
  /** Override settings.scan.enabled (the one-shot `status` scans; tests turn it off). */
  scan?: boolean;
  /** OpenClaw CLI that validates config writes (else settings.openclawBin, WARMCLAW_OPENCLAW_BIN, PATH). */
  openclawBin?: string;
  /**
   * Listen to the local OpenClaw gateway for agent runs (the keep-warm signal LM Studio lacks). Default
   * on; the one-shot CLI commands and tests turn it off.
   */
  gatewayActivity?: boolean;
  /** How settings.json is opened: conf by default; the Electron app passes its electron-store (same file, same format). */
  settingsFile?: SettingsFileOpener;
}

/** A short fingerprint, to notice a changed credential without keeping or logging it. */
function hashOf(s: string): string {
  return s ? createHash('sha256').update(s).digest('hex').slice(0, 12) : '-';
}

/** `${VAR}` → its value; `$${VAR}` is OpenClaw's escape for a literal. */
export function resolveEnvRef(value: unknown, env: NodeJS.ProcessEnv): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (value.startsWith('$${')) return value.slice(1);
  const m = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$/.exec(value.trim());
  return m ? env[m[1]!] : value;
}

/** Which runtime a provider probably is (only used to name it in messages until the body says). */
function kindHint(id: string, api: string | undefined, baseUrl: string): EndpointKind | undefined {
  const s = `${id} ${baseUrl}`.toLowerCase();
  if (api === 'ollama' || s.includes('ollama') || s.includes(':11434')) return 'ollama';
  if (/lm-?studio|:1234\b/.test(s)) return 'lmstudio';
  if (s.includes('vllm')) return 'vllm';
  if (s.includes('litellm') || s.includes(':4000')) return 'litellm';
  if (/llama[-_.]?cpp|llama-server|:9931\b/.test(s)) return 'llamacpp';
  return undefined;
}

/** Local providers of the config, as discovery inputs (API keys resolved, never logged). */
export function configProviders(doc: Json5Document, env: NodeJS.ProcessEnv): (ConfigProviderInput & { models: string[] })[] {
  return readProviders(doc)
    .filter((p) => p.baseUrl && isLocalProvider(p))
    .map((p) => ({ id: p.id, baseUrl: p.baseUrl!, apiKey: resolveEnvRef(p.raw.apiKey, env), kindHint: kindHint(p.id, p.api, p.baseUrl!), models: p.models.map((m) => m.id) }));
}

/** The port of a loopback URL (127.0.0.1, localhost, [::1]; default 80/443 when absent), else undefined. */
function loopbackPort(url: string): number | undefined {
  try {
    const u = new URL(url);
    if (!['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname)) return undefined;
    return Number(u.port || (u.protocol === 'https:' ? 443 : 80));
  } catch {
    return undefined;
  }
}

export class WarmclawService {
  readonly settings: SettingsStore;
  readonly monitor: Monitor;
  readonly keeper: WarmKeeper;
  readonly failover: AutoFailover;
  readonly logger: Logger;
  /** The file the logger writes, when it writes one. */
  readonly logFile?: string;
  /** Agent runs reported by the local gateway (undefined when turned off). */
  readonly gatewayActivity?: GatewayActivity;
  private readonly clock: Clock;
  private gatewayKey = '';
  private unwire: (() => void)[] = [];
  private scanned: MonitoredEndpoint[] = [];
  private cancelRescan?: () => void;
  private readonly reloadListeners = new Set<(changed: ChangedFile[]) => void>();
  private readonly checkListeners = new Set<(check: BackgroundCheck) => void>();
  private rescanning?: Promise<unknown>;
  private targetsKey = '';
  private started = false;
  private doc?: Json5Document;
  /** Per endpoint id; sent only to that endpoint. */
  private apiKeys = new Map<string, string | undefined>();
  private failoverUnwire?: () => void;

  private constructor(
    readonly config: OpenedConfig,
    readonly dataDir: string,
    private readonly opts: ServiceOptions,
  ) {
    this.clock = opts.clock ?? systemClock;
    this.logger = opts.logger ?? createLogger({ write: () => undefined });
    this.logFile = opts.logFile;
    this.settings = new SettingsStore(dataDir, opts.settingsFile);
    const s = this.settings.get();
    if (opts.gatewayActivity ?? true) {
      this.gatewayActivity = new GatewayActivity({ target: () => this.gatewayTargetNow(), clock: this.clock, logger: this.logger });
    }
    this.monitor = new Monitor({ adapterFor: (k) => adapterFor(k), clock: this.clock, poll: { fastMs: s.poll.fastMs, slowMs: s.poll.slowMs } });
    this.keeper = new WarmKeeper({
      adapterFor: (k) => adapterFor(k),
      clock: this.clock,
      paused: s.warm.paused || !s.warm.enabled,
      schedule: s.warm.schedule,
      onWarmStatus: (endpointId, modelId, warm) => this.monitor.setWarm(endpointId, modelId, warm),
      onLoading: (endpointId, modelId, since) => this.monitor.setLoading(endpointId, modelId, since),
      // The gateway's latest run on this provider/model: real traffic that already reset the idle timer.
      externalActivity: this.gatewayActivity ? (t) => (t.ref ? this.gatewayActivity!.latest(t.ref) : undefined) : undefined,
      logger: this.logger,
    });
    this.failover = new AutoFailover({
      config: this.config.file,
      settings: { enabled: s.failover.enabled, downForMs: s.failover.downForSec * 1000, stableForMs: s.failover.stableForSec * 1000 },
      clock: this.clock,
      logger: this.logger,
      // A switch waits for a running OpenClaw turn on the local model (the gateway's run events).
      busy: this.gatewayActivity ? (ref) => this.gatewayActivity!.isRunning(ref) : undefined,
      onSwitch: (sw) => writeFailoverRecord(dataDir, sw),
    });
  }

  /** Opens the config and settings (nothing runs until start()). */
  static async open(opts: ServiceOptions): Promise<WarmclawService> {
    const dataDir = opts.dataDir ?? warmclawDataDir(opts.env);
    const openclawBin = opts.openclawBin ?? new SettingsStore(dataDir, opts.settingsFile).get().openclawBin;
    const ref: { service?: WarmclawService } = {};
    const config = await openConfig({
      flag: opts.configFlag,
      env: opts.env,
      dataDir,
      openclawBin,
      // OpenClaw's CLI re-checks each write after it landed (docs/decisions/0005): log its verdict.
      onBackgroundCheck: (c) => {
        const fields = { path: c.path, change: c.summary, issues: c.issues.map((i) => `${i.path}: ${i.message}`) };
        if (c.status === 'ok') ref.service?.logger.info('OpenClaw\'s validator confirmed the change', fields);
        else ref.service?.logger.warn(c.message, fields);
        for (const w of c.warnings) ref.service?.logger.warn(w.message, { path: c.path, change: c.summary, code: w.code });
        for (const l of ref.service?.checkListeners ?? []) l(c);
      },
    });
    ref.service = new WarmclawService(config, dataDir, opts);
    return ref.service;
  }

  /** Every event the UI or the log should see (monitor, keeper, failover, OpenClaw's timed model calls). */
  onEvent(listener: (ev: MonitorEvent) => void): () => void {
    this.monitor.on('event', listener);
    this.keeper.on('event', listener);
    this.failover.on('event', listener);
    const onCall = (call: ModelCall) => listener({ type: 'model-call', ...call });
    this.gatewayActivity?.on('model-call', onCall);
    return () => {
      this.monitor.off('event', listener);
      this.keeper.off('event', listener);
      this.failover.off('event', listener);
      this.gatewayActivity?.off('model-call', onCall);
    };
  }

  /** OpenClaw's recent model calls as its gateway timed them, oldest first (empty without a gateway). */
  modelCalls(): ModelCall[] {
    return this.gatewayActivity?.modelCalls() ?? [];
  }

  /** Endpoints from the config's local providers and the user's list (the scan adds more). */
  private async configuredEndpoints(settings: Settings): Promise<{ endpoints: MonitoredEndpoint[]; doc?: Json5Document }> {
    let doc: Json5Document | undefined;
    try {
      doc = (await this.config.file.read()).doc;
    } catch (err) {
      // A broken config must not stop monitoring: keep watching the user's own endpoints.
      this.logger.warn('openclaw.json cannot be read; monitoring only the endpoints from settings', { error: (err as Error).message });
    }
    const providers = doc ? configProviders(doc, this.opts.env) : [];
    const user = settings.endpoints.map((e) => ({ baseUrl: e.baseUrl, kindHint: e.kind, apiKey: e.apiKeyEnv ? this.opts.env[e.apiKeyEnv] : undefined }));
    const models = new Map(providers.map((p) => [p.id, p.models]));
    const endpoints = candidateEndpoints({ providers, user, scanPorts: [] }).map((c) => ({
      id: c.baseUrl,
      baseUrl: c.baseUrl,
      kind: c.source === 'user' ? c.kindHint : undefined,
      apiKey: c.apiKey,
      source: c.source,
      providerId: c.providerId,
      models: c.providerId ? models.get(c.providerId) : undefined,
    }));
    return { endpoints, doc };
  }

  /**
   * Scans the usual ports; servers that answered are monitored as `scan` endpoints. `full` replaces
   * the list (a server that stopped drops out); otherwise only ports nobody watches yet are tried and
   * new servers are added, so one that stopped stays on the dashboard as down.
   */
  async scan({ full = true }: { full?: boolean } = {}): Promise<boolean> {
    const settings = this.settings.get();
    const watched = new Set(this.monitor.statuses().map((s) => loopbackPort(s.baseUrl)));
    const ports = full ? settings.scan.ports : settings.scan.ports.filter((p) => !watched.has(p));
    if (!ports.length) return false;
    const found = (await discover({ scanPorts: ports }))
      .filter((d) => d.source === 'scan' && d.kind)
      .map((d) => ({ id: d.baseUrl, baseUrl: d.baseUrl, kind: d.kind, source: 'scan' as const }));
    const before = this.scanned.map((e) => e.id).join(' ');
    this.scanned = full ? found : [...this.scanned, ...found.filter((f) => !this.scanned.some((e) => e.id === f.id))];
    return this.scanned.map((e) => e.id).join(' ') !== before;
  }

  /** A full rescan, then one probe of everything (the UI's Refresh). */
  async refresh(): Promise<void> {
    if (this.scanEnabled() && (await this.scan({ full: true }).catch(() => false))) await this.reloadNow();
    await this.monitor.refresh();
  }

  private scanEnabled(): boolean {
    return this.opts.scan ?? this.settings.get().scan.enabled;
  }

  /** Servers started after Warmclaw are found by looking again, as often as a stable endpoint is polled. */
  private scheduleRescan(): void {
    const every = this.settings.get().poll.slowMs;
    this.cancelRescan = this.clock.setTimeout(() => {
      if (!this.started) return;
      const run = this.scanEnabled() ? this.scan({ full: false }).then((added) => (added ? this.reloadNow() : undefined)) : Promise.resolve();
      this.rescanning = run
        .catch((err: unknown) => this.logger.warn('port scan failed', { error: String(err) }))
        .finally(() => {
          this.rescanning = undefined;
          if (this.started) this.scheduleRescan();
        });
    }, every);
  }

  /** Called after every reload (a file changed on disk): the UI re-reads the config and settings. */
  /** Told when OpenClaw's CLI finished checking a write (after it landed; see ConfigFile.onBackgroundCheck). */
  onConfigChecked(listener: (check: BackgroundCheck) => void): () => void {
    this.checkListeners.add(listener);
    return () => this.checkListeners.delete(listener);
  }

  onReload(listener: (changed: ChangedFile[]) => void): () => void {
    this.reloadListeners.add(listener);
    return () => this.reloadListeners.delete(listener);
  }

  /** Re-reads config and settings, and updates what is monitored and kept warm. */
  async reload(changed: ChangedFile[] = ['config', 'settings']): Promise<void> {
    await this.reloadNow();
    for (const l of this.reloadListeners) l(changed);
  }

  private async reloadNow(): Promise<void> {
    const settings = this.settings.get();
    const { endpoints, doc } = await this.configuredEndpoints(settings);
    const known = new Set(endpoints.map((e) => e.id));
    this.monitor.setEndpoints([...endpoints, ...this.scanned.filter((s) => !known.has(s.id))]);
    this.keeper.setPaused(settings.warm.paused || !settings.warm.enabled);
    this.keeper.setSchedule(settings.warm.schedule);
    this.failover.setSettings({ enabled: settings.failover.enabled, downForMs: settings.failover.downForSec * 1000, stableForMs: settings.failover.stableForSec * 1000 });
    this.doc = doc;
    this.apiKeys = new Map(endpoints.map((e) => [e.id, e.apiKey]));
    this.syncTargets();
    // A changed gateway port or credential: connect again with the new one (the key holds no secret).
    const gw = this.gatewayTargetNow();
    const key = gw ? `${gw.url} ${gw.credentialSource} ${hashOf(gw.token ?? gw.password ?? '')}` : '';
    if (key !== this.gatewayKey) {
      const first = this.gatewayKey === '';
      this.gatewayKey = key;
      if (!first) this.gatewayActivity?.reconnect();
    }
  }

  /**
   * The secrets this service holds right now (servers' API keys, the gateway's token or password), for
   * the logger's `secrets`: a key quoted inside an error message is redacted like a key in a field.
   */
  secretsNow(): string[] {
    const gw = this.gatewayTargetNow();
    return [...this.apiKeys.values(), gw?.token, gw?.password].filter((s): s is string => !!s);
  }

  /** Where the user's gateway listens, from the config last read (undefined before the first read). */
  private gatewayTargetNow(): GatewayTarget | undefined {
    return this.doc ? gatewayTarget(this.doc.value, this.opts.env) : undefined;
  }

  /**
   * The refs kept warm (the user's list, else the routing's local model), whether or not their
   * server answers now: the UI's switches show this, not what the keeper managed to reach.
   */
  /** The environment `${VAR}` API keys resolve against (the daemon's, or a test's). */
  get env(): NodeJS.ProcessEnv {
    return this.opts.env;
  }

  keepWarmRefsNow(): string[] {
    if (!this.doc) return [];
    const refs = keepWarmRefs(this.doc, this.settings.get().warm.models);
    // After failing over, the local model is no longer in the routing, but it must stay watched and
    // warmed: that is how the failover learns it is healthy again and switches back.
    const fo = this.failover.status();
    if (fo.mode === 'hosted' && fo.localRef && !refs.includes(fo.localRef)) refs.unshift(fo.localRef);
    return refs;
  }

  /** Keep-warm targets need the runtime kind, which the monitor learns from bodies: recomputed as it does. */
  private syncTargets(): void {
    const settings = this.settings.get();
    if (!this.doc) return;
    const refs = this.keepWarmRefsNow();
    const configured = keepWarmTargetsFromConfig(this.doc, refs);
    const statuses = new Map(this.monitor.statuses().map((s) => [s.id, s]));
    const targets: KeepWarmTarget[] = [];
    for (const c of configured) {
      if (!c.baseUrl || !keptWarmByKeeper(c)) continue;
      const status = statuses.get(c.baseUrl);
      if (!status?.kind) continue;
      if ((status.kind === 'litellm' || status.kind === 'openai-compatible') && !settings.warm.allowCompletionPings) continue;
      targets.push(keeperTarget({ ...c, baseUrl: c.baseUrl }, this.targetContext(status.kind, this.apiKeys.get(c.baseUrl))));
    }
    const key = JSON.stringify(targets.map((t) => [t.endpointId, t.modelId, t.kind, t.preloadContext, t.ttlMs, t.keepAliveMs, t.idleUnloadMs, t.options]));
    if (key === this.targetsKey) return;
    this.targetsKey = key;
    this.keeper.setTargets(targets);
    this.rewireFailover(targets[0]);
  }

  /** What a keeper target needs besides the config: the runtime, the key, the user's keep-warm settings. */
  private targetContext(kind: EndpointKind, apiKey: string | undefined): TargetContext {
    const w = this.settings.get().warm;
    return { kind, apiKey, keepAliveMs: ollamaDurationMs(w.keepAlive) ?? 30 * 60_000, idleUnloadMs: w.idleUnloadMin === null ? undefined : w.idleUnloadMin * 60_000 };
  }

  /** A configured model's keeper target and the server's current view of it (probing once when unknown). */
  private async resolveRef(ref: string, verb: 'warm' | 'unload'): Promise<{ t: KeepWarmTarget; kind: EndpointKind; before?: ModelStatus }> {
    const { doc } = await this.config.file.read();
    const [c] = keepWarmTargetsFromConfig(doc, [ref]);
    if (!c?.baseUrl) throw new WarmclawError('not-found', msg('error.not-local-model', { ref, path: this.config.located.path }));
    let status = this.monitor.statuses().find((s) => s.id === c.baseUrl);
    if (!status?.kind || status.health !== 'up') {
      if (!this.started) this.monitor.setEndpoints((await this.configuredEndpoints(this.settings.get())).endpoints);
      await this.monitor.refresh();
      status = this.monitor.statuses().find((s) => s.id === c.baseUrl);
    }
    if (!status?.kind || status.health === 'down') {
      const why = status?.lastError !== undefined ? (status.lastErrorMsg ?? status.lastError) : msg('error.no-server-at', { url: c.baseUrl });
      throw new WarmclawError('not-found', msg(verb === 'warm' ? 'error.cannot-warm' : 'error.cannot-unload', { ref, why }));
    }
    const provider = readProviders(doc).find((p) => p.id === c.providerId);
    const t = keeperTarget({ ...c, baseUrl: c.baseUrl }, this.targetContext(status.kind, resolveEnvRef(provider?.raw.apiKey, this.opts.env)));
    return { t, kind: status.kind, before: status.models.find((m) => m.id === c.modelId) };
  }

  /**
   * Warms one configured model now, exactly as the keeper would (the UI's "Warm now" / "Load now at N",
   * the CLI's `warm`).
   */
  async warmRef(ref: string): Promise<{ ref: string; ok: boolean; ms: number; coldStart: boolean; contextLength?: number; error?: string }> {
    const { t, kind, before } = await this.resolveRef(ref, 'warm');
    const wasWarm = before?.state === 'loaded' && holdsEnough(t, before);
    this.keeper.release(t.endpointId, t.modelId);
    if (!wasWarm) this.monitor.setLoading(t.endpointId, t.modelId, this.clock.now());
    let r: Awaited<ReturnType<ReturnType<typeof adapterFor>['warm']>>;
    try {
      r = await adapterFor(kind).warm({ baseUrl: t.baseUrl, apiKey: t.apiKey }, t.modelId, warmOptionsFor(t));
    } finally {
      if (!wasWarm) this.monitor.setLoading(t.endpointId, t.modelId, undefined);
    }
    void this.monitor.refresh().catch(() => undefined);
    return { ref, ok: r.ok, ms: r.ms, coldStart: r.ok && (r.loaded ?? !wasWarm), ...(r.contextLength !== undefined && { contextLength: r.contextLength }), ...(r.error !== undefined && { error: r.error }) };
  }

  /**
   * Unloads one configured model now (LM Studio: every instance; Ollama: keep_alive 0; vLLM: sleep).
   * This service's keeper is told first, so it does not load it straight back: keeping it warm is held
   * for that model until the user warms it again (in this process: the CLI's own service has no keeper
   * running, and a separate daemon does not know of the hold).
   */
  async unloadRef(ref: string): Promise<{ ref: string; ok: boolean; ms: number; error?: string }> {
    const { t, kind } = await this.resolveRef(ref, 'unload');
    const adapter = adapterFor(kind);
    if (!adapter.unload) throw new WarmclawError('invalid-input', msg('error.no-unload-api', { ref, kind }));
    this.keeper.hold(t.endpointId, t.modelId);
    const r = await adapter.unload({ baseUrl: t.baseUrl, apiKey: t.apiKey }, t.modelId);
    void this.monitor.refresh().catch(() => undefined);
    return { ref, ok: r.ok, ms: r.ms, ...(r.error !== undefined && { error: r.error }) };
  }

  private rewireFailover(local: KeepWarmTarget | undefined): void {
    this.failoverUnwire?.();
    this.failoverUnwire = local ? wireFailover(this.failover, this.monitor, this.keeper, { endpointId: local.endpointId, modelId: local.modelId, ref: local.ref }) : undefined;
  }

  /** Starts monitoring, keeping warm and (if enabled) failover. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    if (this.scanEnabled()) await this.scan().catch((err: unknown) => this.logger.warn('port scan failed', { error: String(err) }));
    await this.reloadNow();
    this.scheduleRescan();
    this.unwire.push(connectKeeper(this.keeper, this.monitor));
    const onChange = (ev: MonitorEvent) => {
      if (ev.type === 'endpoint-changed') this.syncTargets();
    };
    this.monitor.on('event', onChange);
    this.unwire.push(() => this.monitor.off('event', onChange));
    this.unwire.push(this.probeOnOpenclawTraffic());
    this.monitor.start();
    this.keeper.start();
    this.gatewayActivity?.start();
  }

  /**
   * OpenClaw's own traffic changes what a server holds (a turn JIT-loads its model) while the monitor
   * may be polling once a minute: when the gateway reports a run or a timed call on a provider's
   * model, that provider's servers are looked at now (at most once per 2 s each), so the dashboard
   * and tray say "loaded" when OpenClaw has just loaded it.
   */
  private probeOnOpenclawTraffic(): () => void {
    const activity = this.gatewayActivity;
    if (!activity) return () => undefined;
    const last = new Map<string, number>();
    const wake = ({ ref }: { ref: string }) => {
      const provider = ref.slice(0, ref.indexOf('/'));
      const now = this.clock.now();
      for (const st of this.monitor.statuses()) {
        if (!provider || st.providerId !== provider || now - (last.get(st.id) ?? -Infinity) < 2_000) continue;
        last.set(st.id, now);
        void this.monitor.refresh(st.id).catch(() => undefined);
      }
    };
    activity.on('activity', wake);
    activity.on('model-call', wake);
    return () => {
      activity.off('activity', wake);
      activity.off('model-call', wake);
    };
  }

  async stop(): Promise<void> {
    this.started = false;
    this.cancelRescan?.();
    await this.rescanning;
    this.gatewayActivity?.stop();
    for (const u of this.unwire.splice(0)) u();
    this.failoverUnwire?.();
    await this.keeper.stop();
    await this.monitor.stop();
    this.failover.stop();
    await this.failover.idle();
  }

  /** Resolves when no probe, warm request or failover write is in flight (tests advance a ManualClock with it). */
  async idle(): Promise<void> {
    await Promise.all([this.monitor.idle(), this.keeper.idle(), this.failover.idle(), this.rescanning]);
  }

  statuses(): EndpointStatus[] {
    return this.monitor.statuses();
  }

  /**
   * Probes everything once (the CLI's `status`): resolves when each endpoint has an answer or an error.
   * Read-only: the keeper, failover and gateway connection stay off, so nothing is loaded, unloaded or
   * sent for inference (a status check must never cost a model load).
   */
  async snapshot(): Promise<EndpointStatus[]> {
    if (!this.started) {
      if (this.scanEnabled()) await this.scan().catch((err: unknown) => this.logger.warn('port scan failed', { error: String(err) }));
      await this.reloadNow();
    }
    await this.monitor.refresh();
    return this.monitor.statuses();
  }
}
