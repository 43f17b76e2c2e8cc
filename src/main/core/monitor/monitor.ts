// The poller: one independent schedule per endpoint (so a slow server never delays another), every
// adapter call under a deadline, a bounded state per endpoint, and `endpoint-changed` only when
// something a user would see changed. Death of an up server is caught by a held-open TCP connection
// (see liveness.ts) rather than by fast polling; a jump of the wall clock against the monotonic clock
// (the machine slept) re-probes everything at once.
import { EventEmitter } from 'node:events';
import type { EndpointKind, EndpointStatus, ModelStatus, MonitorEvent } from '../../../shared/status';
import { raceDeadline, systemClock, type Clock } from '../clock';
import { loadedOrLoading } from '../endpoints/common';
import { FINGERPRINT_ORDER } from '../endpoints/registry';
import type { EndpointAdapter, EndpointTarget, ProbeResult } from '../endpoints/types';
import { contextMismatches, type ConfiguredModel, type ContextMismatch } from './context';
import { EventWatch, type EventWatchOptions } from './event-watch';
import { canConnect, ConnectionWatch, socketAddress, type LostReason, type WatchOptions } from './liveness';
import { DEFAULT_POLL, nextProbeDelay, type PollSettings } from './schedule';
import { clip, contractSafe, finitePos, LIMITS, mergeModels, pushLatency, significantKey, steadyHostMemory, stripUndefined } from './state';
import { english, msg, type Message } from '../../../shared/messages';
import { errorSaid } from '../errors';
import { deadlineMessage, hostPort, KIND_LABEL, thrownWords, unrecognisedMessage, whoMessage } from './words';

/** One endpoint to watch, as the service knows it (config, user settings or a port scan). */
export interface MonitoredEndpoint {
  /** Stable id, usually the base URL. */
  id: string;
  /** Origin without a path, e.g. http://127.0.0.1:1234. */
  baseUrl: string;
  /** Known runtime; detected from response bodies when absent. */
  kind?: EndpointKind;
  apiKey?: string;
  source: EndpointStatus['source'];
  providerId?: string;
  /** Model ids the config declares on this endpoint: they get `ref`s and context look-ups. */
  models?: string[];
  /** Holds the local primary or a kept-warm model: shorter backoff while down. */
  priority?: boolean;
  /**
   * Hold an idle TCP connection to see this server die at once (default: the monitor's setting). Off
   * for a server whose HTTP worker pool is tiny (llama-server keeps a thread on an idle connection
   * until its 5 s read timeout); it is then only seen down at the next probe.
   */
  liveness?: boolean;
}

export type AdapterLookup = (kind: EndpointKind) => EndpointAdapter | undefined;

/** Adapters that can also tell whether POST /v1/responses is served (endpoints/common.ts `Adapter`). */
interface ResponsesAware {
  responsesApi(target: EndpointTarget): Promise<boolean | undefined>;
}

export interface MonitorOptions {
  adapterFor: AdapterLookup;
  clock?: Clock;
  /** Identifies an endpoint without a kind; default: each adapter's fingerprint, in the README's order. */
  detectKind?: (target: EndpointTarget) => Promise<EndpointKind | undefined>;
  poll?: Partial<PollSettings>;
  /** The monitor's own deadline for one adapter call (adapters have their own, shorter ones). */
  callTimeoutMs?: number;
  /** Hold a TCP connection to every up endpoint to see it die at once (default on). */
  liveness?: boolean | WatchOptions;
  /** The server event streams held with liveness on (llama-swap /api/events): their re-open timing. */
  eventWatch?: EventWatchOptions;
  /** Wake-from-sleep detection: check every checkMs, re-probe all on a wall/monotonic jump above jumpMs. */
  wake?: { checkMs?: number; jumpMs?: number };
  /** The full model list is re-read every N probes (the loaded list on every probe). */
  listEvery?: number;
  /** When stable, the full health check runs every N probes; the others only read the loaded list. */
  fullEvery?: number;
  /**
   * Endpoints being identified at once (kind unknown: the fingerprint walk and the first full probe,
   * about ten requests each); the others wait their turn. Default 2.
   */
  maxIdentifying?: number;
  /** `idle()` gives up waiting on a single probe after this much real time (a hung server under a ManualClock). */
  idleCapMs?: number;
  random?: () => number;
}

/** Adapter-call deadline exceeded: carries the plain-words message. */
/** The monitor's own deadline passed; `msg` says so in words the UI translates. */
class DeadlineError extends Error {
  constructor(readonly msg: Message) {
    super(english(msg));
  }
}

interface Entry {
  ep: MonitoredEndpoint;
  status: EndpointStatus;
  key: string;
  kind?: EndpointKind;
  cancelTimer?: () => void;
  running?: Promise<void>;
  again: boolean;
  probes: number;
  probesSinceChange: number;
  downSinceMono?: number;
  backoffProbes: number;
  failedProbes: number;
  abandoned: number;
  listed?: ModelStatus[];
  maxContext: Map<string, number>;
  loadedContext: Map<string, number>;
  responsesFor?: string;
  watch?: ConnectionWatch;
  /** The server's own event stream, where its adapter names one (llama-swap): a model change re-probes at once. */
  events?: EventWatch;
  /**
   * Hysteresis: a result that would flip the endpoint up↔down, waiting for a second one that agrees
   * (see holdFlip). One bad answer from a flapping server changes nothing.
   */
  pendingFlip?: 'up' | 'down';
  /**
   * The liveness watch saw the connection drop: the probe it triggers (this probe number; not one
   * already in flight) counts as the second signal.
   */
  lostBeforeProbe?: number;
  /**
   * Consecutive probes that found a port answering, but not like any runtime we know. Each such probe
   * walks six fingerprints (a hostile server can make each read 2 MB), so they back off like a server
   * that is down instead of repeating every fastMs forever.
   */
  unrecognised: number;
  removed: boolean;
}

/** Runtimes whose loaded-model list is a request to the server (LiteLLM and generic servers have none: always the full probe). */
const LIGHT_PROBE_KINDS = new Set<EndpointKind>(['lmstudio', 'ollama', 'vllm', 'llamacpp', 'llamaswap']);

/** How long one endpoint may hold an identification slot before the next one gets it (see identifySlot). */
const IDENTIFY_LEASE_MS = 1_000;

export interface MonitorEvents {
  event: [MonitorEvent];
  /** The machine woke from sleep (wall clock jumped past the monotonic clock). */
  wake: [{ jumpMs: number }];
}

/** `{ lastError, lastErrorMsg }` for a status: the English words, and the code the UI translates when the engine worded it. */
function failure(m: string | Message): { lastError: string; lastErrorMsg?: Message } {
  return typeof m === 'string' ? { lastError: m } : { lastError: english(m), lastErrorMsg: m };
}

export class Monitor extends EventEmitter<MonitorEvents> {
  private readonly clock: Clock;
  private readonly poll: PollSettings;
  private readonly callTimeoutMs: number;
  private readonly liveness: WatchOptions | null;
  private readonly eventWatch: EventWatchOptions | undefined;
  private readonly wakeCheckMs: number;
  private readonly wakeJumpMs: number;
  private readonly listEvery: number;
  private readonly fullEvery: number;
  private readonly idleCapMs: number;
  private readonly random: () => number;
  private readonly maxIdentifying: number;
  private identifying = 0;
  private readonly identifyQueue: (() => void)[] = [];
  private readonly entries = new Map<string, Entry>();
  private readonly warm = new Map<string, Map<string, NonNullable<ModelStatus['warm']>>>();
  /** Loads Warmclaw itself has under way, per endpoint and model: wall ms each request was sent. */
  private readonly ourLoads = new Map<string, Map<string, number>>();
  private readonly inFlight = new Set<Promise<void>>();
  private started = false;
  /** Set by stop(): endpoints still waiting to be identified give up instead of probing. */
  private stopping = false;
  private cancelWake?: () => void;
  private lastWall = 0;
  private lastMono = 0;
  private retiredWatchAttempts = 0;

  constructor(private readonly opts: MonitorOptions) {
    super();
    this.clock = opts.clock ?? systemClock;
    this.poll = { ...DEFAULT_POLL, ...opts.poll };
    this.callTimeoutMs = opts.callTimeoutMs ?? 8_000;
    this.liveness = opts.liveness === false ? null : opts.liveness === true || opts.liveness === undefined ? {} : opts.liveness;
    this.eventWatch = opts.eventWatch;
    this.wakeCheckMs = opts.wake?.checkMs ?? 5_000;
    this.wakeJumpMs = opts.wake?.jumpMs ?? 10_000;
    this.listEvery = Math.max(1, opts.listEvery ?? 4);
    this.fullEvery = Math.max(1, opts.fullEvery ?? 4);
    this.idleCapMs = opts.idleCapMs ?? 250;
    this.random = opts.random ?? Math.random;
    this.maxIdentifying = Math.max(1, opts.maxIdentifying ?? 2);
  }

  /** Starts probing every endpoint (each at once, then on its own schedule) and the wake detector. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.stopping = false;
    this.lastWall = this.clock.now();
    this.lastMono = this.clock.monotonic();
    this.armWake();
    for (const e of this.entries.values()) this.schedule(e, this.initialDelay());
  }

  /** First probes are spread over up to 1 s (5 ms per endpoint) so 200 endpoints do not start in one tick. */
  private initialDelay(): number {
    return Math.round(this.random() * Math.min(this.poll.fastMs / 2, this.entries.size * 5));
  }

  /** Stops every timer and watch; in-flight probes finish but change nothing. */
  async stop(): Promise<void> {
    this.started = false;
    this.stopping = true;
    // Let every endpoint queued for identification through at once: each sees `stopping` and returns.
    for (const grant of this.identifyQueue.splice(0)) {
      this.identifying++;
      grant();
    }
    this.cancelWake?.();
    for (const e of this.entries.values()) {
      e.cancelTimer?.();
      stopWatches(e);
    }
    await Promise.allSettled([...this.inFlight]);
  }

  /** Replaces the set of endpoints: new ones are probed now, removed ones emit `endpoint-removed`. */
  setEndpoints(list: readonly MonitoredEndpoint[]): void {
    const next = new Map(list.map((ep) => [ep.id, ep]));
    for (const id of [...this.entries.keys()]) if (!next.has(id)) this.remove(id);
    for (const ep of list) this.add(ep);
  }

  /** Adds (or updates) one endpoint. */
  add(ep: MonitoredEndpoint): void {
    const existing = this.entries.get(ep.id);
    if (existing) {
      const moved = existing.ep.baseUrl !== ep.baseUrl || existing.ep.kind !== ep.kind || existing.ep.apiKey !== ep.apiKey;
      existing.ep = { ...ep };
      if (moved) {
        existing.kind = ep.kind;
        existing.unrecognised = 0;
        existing.responsesFor = undefined;
        stopWatches(existing);
        if (this.started) void this.refresh(ep.id);
      }
      return;
    }
    const status: EndpointStatus = stripUndefined({ id: ep.id, baseUrl: ep.baseUrl, kind: ep.kind, source: ep.source, providerId: ep.providerId, health: 'unknown', latencyWindow: [], models: [] });
    const entry: Entry = {
      ep: { ...ep },
      status,
      key: significantKey(status),
      kind: ep.kind,
      again: false,
      probes: 0,
      probesSinceChange: 0,
      backoffProbes: 0,
      failedProbes: 0,
      abandoned: 0,
      maxContext: new Map(),
      loadedContext: new Map(),
      unrecognised: 0,
      removed: false,
    };
    this.entries.set(ep.id, entry);
    if (this.started) this.schedule(entry, this.initialDelay());
  }

  /** Stops watching one endpoint. */
  remove(id: string): void {
    const e = this.entries.get(id);
    if (!e) return;
    e.removed = true;
    e.cancelTimer?.();
    stopWatches(e);
    this.entries.delete(id);
    this.warm.delete(id);
    this.emit('event', { type: 'endpoint-removed', id });
  }

  /** Re-probes one endpoint (or all) now; resolves when those probes are done. */
  async refresh(id?: string): Promise<void> {
    const targets = id === undefined ? [...this.entries.values()] : [this.entries.get(id)].filter((e): e is Entry => !!e);
    await Promise.all(targets.map((e) => this.runNow(e)));
  }

  /** Current state of every endpoint (copies). */
  statuses(): EndpointStatus[] {
    return [...this.entries.values()].map((e) => structuredClone(e.status));
  }

  status(id: string): EndpointStatus | undefined {
    const e = this.entries.get(id);
    return e ? structuredClone(e.status) : undefined;
  }

  /** Publishes the warm-keeper's stats for one model (shown in ModelStatus.warm); emits when it changes. */
  setWarm(endpointId: string, modelId: string, warm: ModelStatus['warm'] | undefined): void {
    let m = this.warm.get(endpointId);
    if (!m) {
      if (!warm) return;
      m = new Map();
      this.warm.set(endpointId, m);
    }
    if (warm) m.set(modelId, { ...warm });
    else m.delete(modelId);
    const e = this.entries.get(endpointId);
    if (e) this.commit(e, { ...e.status, models: this.decorate(e, e.status.models) }, false);
  }

  /**
   * A load Warmclaw started (keep-warm or "Warm now") began (`since`, wall ms) or ended (undefined).
   * Some runtimes say nothing useful while they load (Ollama lists the runner as if loaded, with no
   * state): while our own request is loading it, the model shows as loading, counted from when we asked.
   */
  setLoading(endpointId: string, modelId: string, since: number | undefined): void {
    let m = this.ourLoads.get(endpointId);
    const e = this.entries.get(endpointId);
    if (since !== undefined) {
      if (!m) this.ourLoads.set(endpointId, (m = new Map()));
      m.set(modelId, since);
      if (e) this.commit(e, { ...e.status, models: this.decorate(e, e.status.models) }, false);
      return;
    }
    if (!m?.delete(modelId)) return;
    if (!m.size) this.ourLoads.delete(endpointId);
    // Ended: probe now and let the runtime's answer replace "loading" (loaded, or not after a failure),
    // rather than flash the stale "not loaded" of the last probe in between.
    if (e && this.started && !e.removed) void this.runNow(e);
  }

  /** Configured context windows against what the servers loaded (see context.ts). */
  contextMismatches(configured: readonly ConfiguredModel[]): ContextMismatch[] {
    return contextMismatches(this.statuses(), configured);
  }

  /** Counters for benchmarks and diagnostics: probes run, liveness connections opened, endpoints being watched. */
  diagnostics(): { probes: number; watchAttempts: number; watching: number } {
    let probes = 0;
    let watchAttempts = this.retiredWatchAttempts;
    let watching = 0;
    for (const e of this.entries.values()) {
      probes += e.probes;
      if (e.watch) {
        watchAttempts += e.watch.attempts;
        if (e.watch.watching) watching++;
      }
    }
    return { probes, watchAttempts, watching };
  }

  /** Resolves when no probe is in flight (each probe waited on for at most idleCapMs of real time). */
  async idle(): Promise<void> {
    const pending = [...this.inFlight];
    if (pending.length === 0) return;
    let cap: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled(pending),
      new Promise<void>((r) => {
        cap = setTimeout(r, this.idleCapMs);
      }),
    ]);
    clearTimeout(cap);
  }

  // ---------------------------------------------------------------------------------------------

  private armWake(): void {
    this.cancelWake = this.clock.setTimeout(() => {
      if (!this.started) return;
      const wall = this.clock.now();
      const mono = this.clock.monotonic();
      const jump = wall - this.lastWall - (mono - this.lastMono);
      this.lastWall = wall;
      this.lastMono = mono;
      if (jump > this.wakeJumpMs) {
        this.emit('wake', { jumpMs: jump });
        void this.refresh();
      }
      this.armWake();
    }, this.wakeCheckMs);
  }

  private schedule(e: Entry, delayMs: number): void {
    e.cancelTimer?.();
    if (!this.started || e.removed) return;
    e.cancelTimer = this.clock.setTimeout(() => {
      e.cancelTimer = undefined;
      void this.runNow(e);
    }, delayMs);
  }

  /** Runs a probe now, or right after the one in flight (a refresh never returns stale state). */
  private runNow(e: Entry): Promise<void> {
    if (e.running) {
      e.again = true;
      return e.running.then(() => (e.running ? e.running : undefined));
    }
    e.cancelTimer?.();
    e.cancelTimer = undefined;
    const p = this.probe(e)
      .catch(() => {
        /* probe() words its own failures; nothing may escape a timer */
      })
      .finally(() => {
        this.inFlight.delete(p);
        e.running = undefined;
        if (e.removed) return;
        if (e.again) {
          e.again = false;
          void this.runNow(e);
        } else {
          this.schedule(e, this.nextDelay(e));
        }
      });
    e.running = p;
    this.inFlight.add(p);
    return p;
  }

  private nextDelay(e: Entry): number {
    // A flip waiting for confirmation: ask again soon, not at the stable or backoff interval.
    if (e.pendingFlip) return this.poll.fastMs;
    if (e.unrecognised > 0) {
      const base = Math.min(this.poll.maxBackoffMs, this.poll.fastMs * 2 ** Math.min(20, e.unrecognised));
      return Math.max(250, Math.round(base * (1 + this.poll.jitter * (2 * this.random() - 1))));
    }
    const s = e.status;
    const busy = s.models.some((m) => m.state === 'loading');
    const downForMs = e.downSinceMono === undefined ? 0 : this.clock.monotonic() - e.downSinceMono;
    return nextProbeDelay(
      { health: s.health, downForMs, backoffProbes: e.backoffProbes, probesSinceChange: e.probesSinceChange, busy, priority: !!e.ep.priority },
      this.poll,
      this.random,
    );
  }

  /** Races a call against the monitor's deadline on the injected clock; a late call counts as abandoned. */
  private deadline<T>(e: Entry, p: Promise<T>, what: Message): Promise<T> {
    return raceDeadline(this.clock, p, this.callTimeoutMs, () => {
      e.abandoned++;
      p.finally(() => e.abandoned--).catch(() => {});
      return new DeadlineError(deadlineMessage(e.ep.baseUrl, what, this.callTimeoutMs, e.kind));
    });
  }

  private async detect(e: Entry, target: EndpointTarget): Promise<EndpointKind | undefined> {
    if (this.opts.detectKind) return this.deadline(e, this.opts.detectKind(target), msg('call.identification'));
    for (const kind of FINGERPRINT_ORDER) {
      const adapter = this.opts.adapterFor(kind);
      if (!adapter) continue;
      try {
        if (await this.deadline(e, adapter.fingerprint(target), msg('call.identification-as', { name: KIND_LABEL[kind] }))) return kind;
      } catch (err) {
        if (err instanceof DeadlineError) throw err;
      }
    }
    return undefined;
  }

  private async probe(e: Entry): Promise<void> {
    const target: EndpointTarget = { baseUrl: e.ep.baseUrl, apiKey: e.ep.apiKey };
    e.probes++;
    // A server that left earlier calls hanging gets no new ones until they end (bounded sockets).
    if (e.abandoned >= 3) {
      this.finish(e, { health: 'down', reach: 'no-answer', ...failure(deadlineMessage(e.ep.baseUrl, msg('server.earlier-requests'), this.callTimeoutMs, e.kind)) });
      return;
    }
    const kind = e.ep.kind ?? e.kind;
    if (!kind) {
      // Identification is bulk work: a few endpoints at a time (see identifySlot).
      const release = await this.identifySlot();
      try {
        if (e.removed || this.stopping) return;
        await this.identifyAndProbe(e, target);
      } finally {
        release();
      }
      return;
    }
    await this.probeKnown(e, target, kind);
  }

  /**
   * Waits for one of `maxIdentifying` identification slots. Identifying an endpoint walks the
   * fingerprints of six runtimes and then runs a first full probe: about ten requests. When 200
   * endpoints start together, all of them identifying at once kept every slot of the shared HTTP
   * limiter busy for seconds, and each event-loop turn handled up to 8 answers (~0.8 ms of main-thread
   * CPU each): turns of 10+ ms, the loop delay seen at start. A few at a time, each turn handles one
   * or two answers, the HTTP limiter keeps slots for known endpoints and the warm-keeper, and an
   * endpoint's requests follow each other on one keep-alive connection. A slot is a lease: after
   * IDENTIFY_LEASE_MS it passes to the next endpoint even if this one is still at it (a hung or
   * black-holed server), so no server holds up the others' identification for longer than that.
   * Resolves with the release function (idempotent).
   */
  private identifySlot(): Promise<() => void> {
    return new Promise((resolve) => {
      const grant = () => {
        let held = true;
        const release = () => {
          if (!held) return;
          held = false;
          cancelLease();
          this.passIdentifySlot();
        };
        const cancelLease = this.clock.setTimeout(release, IDENTIFY_LEASE_MS);
        resolve(release);
      };
      if (this.identifying < this.maxIdentifying) {
        this.identifying++;
        grant();
      } else {
        this.identifyQueue.push(grant);
      }
    });
  }

  private passIdentifySlot(): void {
    const next = this.identifyQueue.shift();
    if (next) next(); // the slot passes straight to the next waiter
    else this.identifying--;
  }

  /** Kind unknown: fingerprint it, then probe it as that kind. */
  private async identifyAndProbe(e: Entry, target: EndpointTarget): Promise<void> {
    let kind: EndpointKind | undefined;
    try {
      kind = await this.detect(e, target);
    } catch (err) {
      this.finish(e, { health: 'down', lastError: err instanceof Error ? err.message : String(err) });
      return;
    }
    if (!kind) {
      const addr = socketAddress(e.ep.baseUrl);
      const tcp = addr ? await canConnect(addr.host, addr.port, 1_500) : { ok: false, reason: 'error' as const };
      if (tcp.ok) e.unrecognised++;
      else e.unrecognised = 0;
      this.finish(e, tcp.ok ? { health: 'degraded', ...failure(unrecognisedMessage(e.ep.baseUrl)) } : { health: 'down', reach: tcp.reason === 'refused' ? 'refused' : 'no-answer', ...failure(this.unreachableWords(e.ep.baseUrl, tcp.reason)) });
      return;
    }
    e.unrecognised = 0;
    e.kind = kind;
    await this.probeKnown(e, target, kind);
  }

  private async probeKnown(e: Entry, target: EndpointTarget, kind: EndpointKind): Promise<void> {
    const adapter = this.opts.adapterFor(kind);
    if (!adapter) {
      this.finish(e, { health: 'unknown', kind, ...failure(msg('server.no-adapter', { who: whoMessage(kind) })) });
      return;
    }

    // Stable and up: a light probe (only the loaded-model list, which proves the server answers) on
    // most rounds; the full health check every `fullEvery` rounds and whenever the light one fails.
    if (LIGHT_PROBE_KINDS.has(kind) && e.status.health === 'up' && !e.status.activity && e.probesSinceChange >= this.poll.settleProbes && e.probes % this.fullEvery !== 0 && e.listed !== undefined) {
      if (await this.lightProbe(e, adapter, target, kind)) return;
    }

    let probe: ProbeResult;
    try {
      probe = await this.deadline(e, adapter.probe(target), msg('call.health-check'));
    } catch (err) {
      // A deadline passed: the server took the connection but does not answer (hung): unreachable.
      probe = err instanceof DeadlineError ? { ok: false, latencyMs: this.callTimeoutMs, error: err.msg, reach: 'no-answer' } : { ok: false, latencyMs: this.callTimeoutMs, error: thrownWords(err, 'the health check') };
    }
    if (!probe.ok) {
      // A detected (not configured) kind is re-checked after a few failed probes: another server may
      // have taken the port. Until then the adapter's own words say what is wrong.
      e.failedProbes++;
      if (!e.ep.kind && e.failedProbes % 3 === 0) {
        const other = await this.detect(e, target).catch(() => undefined);
        if (other && other !== kind) {
          e.kind = other;
          e.events?.stop();
          e.events = undefined;
          e.responsesFor = undefined;
          e.again = true; // probe again right away, as the runtime now found there
        }
      }
      this.finish(e, { health: 'down', kind, reach: probe.reach, latencyMs: probe.latencyMs, ...failure(probe.error ?? msg('server.health-check-failed', { where: hostPort(e.ep.baseUrl) })) });
      return;
    }

    e.failedProbes = 0;
    const problems: (string | Message)[] = [];
    if (probe.degraded) problems.push(probe.degraded);
    const needList = e.listed === undefined || e.probes % this.listEvery === 1 || this.listEvery === 1;
    const [listed, loaded] = await Promise.allSettled([
      needList ? this.deadline(e, adapter.listModels(target), msg('call.model-list')) : Promise.resolve(e.listed),
      this.deadline(e, adapter.loadedModels(target), msg('call.loaded-list')),
    ]);
    if (listed.status === 'fulfilled') e.listed = Array.isArray(listed.value) ? listed.value.slice(0, LIMITS.models * 2) : [];
    else problems.push(this.callWords(listed.reason, msg('server.listing-models')));
    if (loaded.status === 'rejected') problems.push(this.callWords(loaded.reason, msg('server.listing-loaded')));
    let models = mergeModels(e.listed, loaded.status === 'fulfilled' && Array.isArray(loaded.value) ? loaded.value : undefined);
    models = await this.fillContexts(e, adapter, target, models);

    let responsesApi = e.status.responsesApi;
    const rKey = `${kind}@${probe.version ?? ''}`;
    if (e.responsesFor !== rKey && typeof (adapter as Partial<ResponsesAware>).responsesApi === 'function') {
      try {
        const r = await this.deadline(e, (adapter as unknown as ResponsesAware).responsesApi(target), msg('call.responses-check'));
        if (r !== undefined) {
          responsesApi = r;
          e.responsesFor = rKey;
        }
      } catch {
        // unknown for now; asked again next probe
      }
    }

    this.finish(e, {
      health: problems.length ? 'degraded' : 'up',
      activity: probe.activity,
      ...(probe.note && { note: clip(english(probe.note)), ...(typeof probe.note !== 'string' && { noteMsg: probe.note }) }),
      kind,
      version: clip(probe.version, 64),
      latencyMs: probe.latencyMs,
      models,
      responsesApi,
      hostMemory: steadyHostMemory(e.status.hostMemory, probe.hostMemory),
      lastError: problems.length ? clip(problems.map(english).join('; ')) : undefined,
      // One problem the engine worded: the UI translates it; several are joined English.
      ...(problems.length === 1 && typeof problems[0] !== 'string' && { lastErrorMsg: problems[0] }),
    });
  }

  /** Loaded-model list only (plus the full list every listEvery rounds); false when it failed (run the full probe). */
  private async lightProbe(e: Entry, adapter: EndpointAdapter, target: EndpointTarget, kind: EndpointKind): Promise<boolean> {
    const needList = e.probes % this.listEvery === 1;
    const started = performance.now();
    try {
      const [listed, loaded] = await Promise.all([
        needList ? this.deadline(e, adapter.listModels(target), msg('call.model-list')) : Promise.resolve(e.listed),
        this.deadline(e, adapter.loadedModels(target), msg('call.loaded-list')),
      ]);
      const latencyMs = (performance.now() - started) / (needList ? 2 : 1);
      e.listed = Array.isArray(listed) ? listed.slice(0, LIMITS.models * 2) : e.listed;
      const models = await this.fillContexts(e, adapter, target, mergeModels(e.listed, Array.isArray(loaded) ? loaded : []));
      // Machine memory comes with full probes; it means nothing once no model runs (an unload seen here).
      const hostMemory = loadedOrLoading(models).length ? e.status.hostMemory : undefined;
      this.finish(e, { health: 'up', kind, version: e.status.version, latencyMs, models, responsesApi: e.status.responsesApi, hostMemory });
      return true;
    } catch {
      return false;
    }
  }

  /** Trained contexts (cached per id) for declared models, loaded contexts for loaded ones; a few calls per probe at most. */
  private async fillContexts(e: Entry, adapter: EndpointAdapter, target: EndpointTarget, models: ModelStatus[]): Promise<ModelStatus[]> {
    const interest = new Set(e.ep.models ?? []);
    let budget = 4;
    for (const m of models) {
      if (m.state !== 'loaded') e.loadedContext.delete(m.id);
    }
    const out: ModelStatus[] = [];
    for (const m of models) {
      let maxContext = m.maxContext ?? e.maxContext.get(m.id);
      let loadedContext = m.loadedContext ?? (m.state === 'loaded' ? e.loadedContext.get(m.id) : undefined);
      const wantMax = maxContext === undefined && interest.has(m.id);
      const wantLoaded = loadedContext === undefined && m.state === 'loaded';
      if ((wantMax || wantLoaded) && budget > 0) {
        budget--;
        try {
          const c = await this.deadline(e, adapter.contextOf(target, m.id), msg('call.context-lookup'));
          maxContext = finitePos(c?.maxContext) ?? maxContext;
          if (m.state === 'loaded') loadedContext = finitePos(c?.loadedContext) ?? loadedContext;
        } catch {
          // context stays unknown; not a health problem
        }
      }
      if (maxContext !== undefined) {
        if (e.maxContext.size >= LIMITS.contextCache && !e.maxContext.has(m.id)) e.maxContext.delete(e.maxContext.keys().next().value as string);
        e.maxContext.set(m.id, maxContext);
      }
      if (loadedContext !== undefined && m.state === 'loaded' && e.loadedContext.size < LIMITS.contextCache) e.loadedContext.set(m.id, loadedContext);
      out.push(stripUndefined({ ...m, maxContext, loadedContext }));
    }
    return out;
  }

  private callWords(err: unknown, what: Message): string | Message {
    if (err instanceof DeadlineError) return err.msg;
    return msg('server.call-failed', { what, error: errorSaid(err) });
  }

  private unreachableWords(baseUrl: string, reason?: LostReason): Message {
    if (reason === 'refused') return msg('server.refused-started', { where: hostPort(baseUrl) });
    if (reason === 'timeout') return msg('server.host-silent', { where: hostPort(baseUrl) });
    return msg('server.cannot-reach', { where: hostPort(baseUrl) });
  }

  /** Adds refs and warm stats to the models the probe found (Ollama's "x" and "x:latest" are one model). */
  private decorate(e: Entry, models: ModelStatus[]): ModelStatus[] {
    const norm = (id: string) => ((e.kind ?? e.ep.kind) === 'ollama' && !/:[^/]+$/.test(id) ? `${id}:latest` : id);
    const declared = new Map((e.ep.models ?? []).map((id) => [norm(id), id]));
    const warm = new Map([...(this.warm.get(e.ep.id) ?? new Map<string, NonNullable<ModelStatus['warm']>>())].map(([id, w]) => [norm(id), w]));
    const ours = new Map([...(this.ourLoads.get(e.ep.id) ?? new Map<string, number>())].map(([id, since]) => [norm(id), since]));
    return models.map((m) => {
      const out: ModelStatus = { ...m };
      // Our load is under way: until its request returns the model is loading, whatever the runtime's
      // list says (Ollama names a runner in /api/ps from the moment it starts, still loading).
      const since = ours.get(norm(m.id));
      if (since !== undefined && (m.state === 'not-loaded' || m.state === 'loading' || m.state === 'loaded')) {
        out.state = 'loading';
        out.loadingSince = Math.min(since, m.loadingSince ?? since);
      }
      const configuredId = declared.get(norm(m.id));
      if (e.ep.providerId && configuredId !== undefined) out.ref = `${e.ep.providerId}/${configuredId}`;
      const w = warm.get(norm(m.id));
      if (w) out.warm = { ...w };
      else delete out.warm;
      return out;
    });
  }

  /**
   * Hysteresis between up (or degraded) and down: a flip needs two consecutive results that agree, so
   * a flapping server does not flip (and log, and notify) on every other probe. The first result ever
   * sets the state at once, and a connection drop seen by the liveness watch counts as one result: a
   * dead server is still reported within milliseconds. True when this result is held back.
   */
  private holdFlip(e: Entry, health: EndpointStatus['health']): boolean {
    const was = e.status.health;
    const upish = (h: EndpointStatus['health']) => h === 'up' || h === 'degraded';
    const flip = upish(was) && health === 'down' ? 'down' : was === 'down' && upish(health) ? 'up' : undefined;
    // A probe already in flight when the connection dropped may carry an answer from before: not it.
    const lost = e.lostBeforeProbe !== undefined && e.probes >= e.lostBeforeProbe;
    if (lost) e.lostBeforeProbe = undefined;
    if (!flip || e.pendingFlip === flip || (flip === 'down' && lost)) {
      e.pendingFlip = undefined;
      return false;
    }
    e.pendingFlip = flip;
    return true;
  }

  /** Turns a probe's outcome into the next status; keeps history for the schedule; emits on change. */
  private finish(e: Entry, r: Partial<EndpointStatus> & { health: EndpointStatus['health'] }): void {
    if (e.removed) return;
    if (this.holdFlip(e, r.health)) return;
    const now = this.clock.now();
    const mono = this.clock.monotonic();
    if (r.health === 'down') {
      if (e.downSinceMono === undefined) {
        e.downSinceMono = mono;
        e.backoffProbes = 0;
      } else if (mono - e.downSinceMono >= this.poll.downFastForMs) {
        e.backoffProbes++;
      }
    } else {
      e.downSinceMono = undefined;
      e.backoffProbes = 0;
    }
    // While down the model list is unknown: keep the names, forget what was loaded.
    const models =
      r.models ??
      (r.health === 'down'
        ? e.status.models.map((m) => stripUndefined({ id: m.id, ref: m.ref, state: 'unknown' as const, maxContext: m.maxContext, sizeBytes: m.sizeBytes }))
        : e.status.models);
    const next: EndpointStatus = contractSafe(stripUndefined({
      id: e.ep.id,
      baseUrl: e.ep.baseUrl,
      kind: r.kind ?? e.kind ?? e.status.kind,
      source: e.ep.source,
      providerId: e.ep.providerId,
      health: r.health,
      version: r.health === 'down' ? e.status.version : (r.version ?? e.status.version),
      latencyMs: r.latencyMs !== undefined ? Math.round(r.latencyMs) : e.status.latencyMs,
      latencyWindow: r.health === 'down' ? [...e.status.latencyWindow] : pushLatency(e.status.latencyWindow, r.latencyMs),
      models: this.decorate(e, loadingSince(models, e.status.models, now)),
      responsesApi: r.responsesApi ?? e.status.responsesApi,
      hostMemory: r.hostMemory,
      activity: r.activity,
      activitySince: r.activity === undefined ? undefined : r.activity === e.status.activity ? (e.status.activitySince ?? now) : now,
      reach: r.health === 'down' ? r.reach : undefined,
      note: r.note,
      noteMsg: r.note !== undefined ? r.noteMsg : undefined,
      lastError: clip(r.lastError),
      lastErrorMsg: r.lastError !== undefined ? r.lastErrorMsg : undefined,
      localhostMismatch: e.status.localhostMismatch,
      checkedAt: now,
      changedAt: e.status.changedAt,
    }));
    this.commit(e, next, true);
    this.updateWatch(e);
  }

  private commit(e: Entry, next: EndpointStatus, fromProbe: boolean): void {
    const key = significantKey(next);
    if (key !== e.key) {
      next.changedAt = this.clock.now();
      // The first answer (unknown → up) is not "something changing": only later changes speed polling up.
      if (fromProbe) e.probesSinceChange = e.status.health === 'unknown' && next.health !== 'down' ? this.poll.settleProbes : 0;
      e.key = key;
      e.status = next;
      this.emit('event', { type: 'endpoint-changed', endpoint: structuredClone(next) });
    } else {
      e.status = next;
      if (fromProbe) e.probesSinceChange++;
    }
  }

  private updateWatch(e: Entry): void {
    if (!this.liveness || !this.started || e.ep.liveness === false) {
      stopWatches(e);
      return;
    }
    const up = e.status.health === 'up' || e.status.health === 'degraded';
    if (!up) {
      if (e.watch) this.retiredWatchAttempts += e.watch.attempts;
      stopWatches(e);
      return;
    }
    this.watchEvents(e);
    if (e.watch) return;
    const addr = socketAddress(e.ep.baseUrl);
    if (!addr) return;
    const watch = new ConnectionWatch(addr.host, addr.port, () => this.lost(e, watch), this.liveness);
    e.watch = watch;
    watch.start();
  }

  /** Holds the server's event stream open where the adapter names one; each model change re-probes now. */
  private watchEvents(e: Entry): void {
    if (e.events || !e.kind) return;
    const source = this.opts.adapterFor(e.kind)?.events;
    if (!source) return;
    let url: URL;
    try {
      url = new URL(e.ep.baseUrl.replace(/\/+$/, '') + source.path);
    } catch {
      return;
    }
    // A probe already running takes the change into account: runNow queues at most one more.
    e.events = new EventWatch(url, source, () => void this.runNow(e), e.ep.apiKey ? { authorization: `Bearer ${e.ep.apiKey}` } : {}, this.eventWatch);
    e.events.start();
  }

  /** The watch saw the server stop accepting connections: re-probe now (the probe words the failure). */
  private lost(e: Entry, watch: ConnectionWatch): void {
    if (e.watch !== watch || e.removed) return;
    this.retiredWatchAttempts += watch.attempts;
    watch.stop();
    e.watch = undefined;
    e.lostBeforeProbe = e.probes + 1;
    void this.runNow(e);
  }
}

/**
 * Stamps each loading model with when it was first seen loading, carried over from the last status
 * while it stays loading: the UI's "loading… N s" counts from the runtime's own state, not from a probe.
 */
function loadingSince(models: readonly ModelStatus[], before: readonly ModelStatus[], now: number): ModelStatus[] {
  return models.map((m) => {
    if (m.state !== 'loading') {
      if (m.loadingSince === undefined) return m;
      const { loadingSince: _drop, ...rest } = m;
      return rest;
    }
    const prev = before.find((b) => b.id === m.id && b.state === 'loading');
    return { ...m, loadingSince: prev?.loadingSince ?? m.loadingSince ?? now };
  });
}

/** Closes an endpoint's held-open connections (the TCP watch and the event stream). */
function stopWatches(e: Entry): void {
  e.watch?.stop();
  e.watch = undefined;
  e.events?.stop();
  e.events = undefined;
}
