// One vocabulary of states for servers and models, derived from the monitor's status in one place so
// the tray, the dashboard, `warmclaw status` and notifications never contradict each other (a server
// that sleeps as designed is not "degraded"; a model on a dead server is not "not loaded").
// The words here are the English ones (CLI, tray, notifications); the renderer translates the state keys.
import type { EndpointKind, EndpointStatus, ModelStatus } from './status';

export const serverStates = ['checking', 'up', 'sleeping', 'loading', 'needs-attention', 'not-recognised', 'failing', 'down', 'unreachable'] as const;
export type ServerState = (typeof serverStates)[number];

export const modelStates = ['loaded', 'loading', 'not-loaded', 'sleeping', 'server-down', 'server-failing', 'blocked', 'unknown'] as const;
export type ModelStateKey = (typeof modelStates)[number];

/** Keep-warm as the user sees it for one model. */
/** `waiting`: kept warm, but its server is down or unreachable, so nothing can be warmed until it is back. */
export const keepStates = ['kept-warm', 'warming', 'waiting', 'paused', 'off'] as const;
export type KeepState = (typeof keepStates)[number];

export type Tone = 'ok' | 'warn' | 'bad' | undefined;

/** What a server is doing, from its health and what it said about itself. */
export function serverState(e: Pick<EndpointStatus, 'health' | 'activity' | 'reach' | 'kind'>): ServerState {
  switch (e.health) {
    case 'unknown':
      return 'checking';
    case 'down':
      // The wire says which: nothing listens (refused), nothing answers (no-answer), or it answered,
      // but with an error or nonsense (HTTP 500, invalid JSON): that server runs, it is failing.
      return e.reach === 'no-answer' ? 'unreachable' : e.reach === 'refused' ? 'down' : 'failing';
    case 'degraded':
      if (e.activity) return e.activity;
      return e.kind ? 'needs-attention' : 'not-recognised';
    default:
      return e.activity ?? 'up';
  }
}

export const SERVER_STATE_WORD: Record<ServerState, string> = {
  checking: 'checking…',
  up: 'up',
  sleeping: 'sleeping',
  loading: 'loading a model',
  'needs-attention': 'needs attention',
  'not-recognised': 'not recognised',
  failing: 'answers with errors',
  down: 'down',
  unreachable: 'unreachable',
};

export const SERVER_STATE_TONE: Record<ServerState, Tone> = {
  checking: undefined,
  up: 'ok',
  sleeping: undefined,
  loading: 'warn',
  'needs-attention': 'warn',
  'not-recognised': 'warn',
  failing: 'bad',
  down: 'bad',
  unreachable: 'bad',
};

/** Servers whose models cannot be used right now. */
export const isServerGone = (s: ServerState): boolean => s === 'down' || s === 'unreachable' || s === 'failing';

/**
 * Runtimes Warmclaw can unload a model on (their adapters implement unload; a test keeps the two
 * in step). A proxy (LiteLLM) or an unknown OpenAI-compatible server has no unload API, so the tray
 * and dashboard offer no Unload for them rather than a button that can only fail.
 */
export const UNLOADABLE_KINDS: readonly EndpointKind[] = ['lmstudio', 'ollama', 'vllm', 'llamacpp', 'llamaswap'];
export const canUnload = (e: Pick<EndpointStatus, 'kind'>): boolean => e.kind !== undefined && UNLOADABLE_KINDS.includes(e.kind);

export interface ModelView {
  state: ModelStateKey;
  /** The context the model is loaded at, when loaded and the runtime says. */
  loadedContext?: number;
  /** While loading: when it was first seen loading (wall-clock ms), for "loading… N s". */
  loadingSince?: number;
  keep: KeepState;
}

export interface ModelViewOptions {
  /** Keeping warm is paused or switched off in settings. */
  paused?: boolean;
  /** Whether this model is in the keep-warm list (defaults to what the monitor reports). */
  keptWarm?: boolean;
  /** The config's context settings block this model (a context finding that blocks). */
  blocked?: boolean;
}

/** A model's state in the shared vocabulary, given its server. */
export function modelView(e: Pick<EndpointStatus, 'health' | 'activity' | 'reach' | 'kind'>, m: ModelStatus, opts: ModelViewOptions = {}): ModelView {
  const server = serverState(e);
  const kept = opts.keptWarm ?? Boolean(m.warm?.enabled);
  let state: ModelStateKey;
  // A server that answers with errors is not "down": the user looks at its log, not at whether it runs.
  if (isServerGone(server)) state = server === 'failing' ? 'server-failing' : 'server-down';
  else if (opts.blocked) state = 'blocked';
  else if (m.state === 'loaded' && server === 'sleeping') state = 'sleeping';
  else state = m.state;
  // Blocked by config says what OpenClaw will do, not what the server holds: a loaded model is still kept warm.
  const held = state === 'loaded' || (state === 'blocked' && m.state === 'loaded');
  const keep: KeepState = !kept ? 'off' : opts.paused ? 'paused' : held ? 'kept-warm' : state === 'server-down' || state === 'server-failing' ? 'waiting' : 'warming';
  return {
    state,
    keep,
    ...(state === 'loaded' && m.loadedContext !== undefined && { loadedContext: m.loadedContext }),
    ...(state === 'loading' && m.loadingSince !== undefined && { loadingSince: m.loadingSince }),
  };
}

export const MODEL_STATE_WORD: Record<ModelStateKey, string> = {
  loaded: 'loaded',
  loading: 'loading…',
  'not-loaded': 'not loaded',
  sleeping: 'sleeping',
  'server-down': 'server down',
  'server-failing': 'server failing',
  blocked: 'blocked by config',
  unknown: 'unknown',
};

export const MODEL_STATE_TONE: Record<ModelStateKey, Tone> = {
  loaded: 'ok',
  loading: 'warn',
  'not-loaded': undefined,
  sleeping: undefined,
  'server-down': 'bad',
  'server-failing': 'bad',
  blocked: 'bad',
  unknown: undefined,
};

export const KEEP_STATE_WORD: Record<KeepState, string> = {
  'kept-warm': 'kept warm',
  warming: 'warming',
  waiting: 'waiting for the server',
  paused: 'paused',
  off: '',
};

/** Whole seconds a model has been loading, for "loading… N s" (never negative across clock skew). */
export function loadingSeconds(since: number, now: number): number {
  return Math.max(0, Math.round((now - since) / 1000));
}

/** "loaded at 32,768 context" / "loading… 12 s" / "not loaded" — the model's state in English, one phrase. */
export function modelStateWords(v: ModelView, now?: number): string {
  if (v.state === 'loaded' && v.loadedContext !== undefined) return `loaded at ${v.loadedContext.toLocaleString('en-US')} context`;
  if (v.state === 'loading' && v.loadingSince !== undefined && now !== undefined) return `loading… ${loadingSeconds(v.loadingSince, now)} s`;
  return MODEL_STATE_WORD[v.state];
}

/**
 * Memory a loaded model holds, where the runtime reports it: Ollama's VRAM share (size_vram), else the
 * loaded size (Ollama size, LM Studio size_bytes of a loaded model). Undefined when not loaded or unknown.
 */
export function heldBytes(m: ModelStatus): number | undefined {
  if (m.state !== 'loaded' && m.state !== 'loading') return undefined;
  return m.vramBytes ?? m.sizeBytes;
}

/** What keeping these servers' models loaded costs: the sum of what each loaded model holds. */
export function memoryHeld(endpoints: readonly Pick<EndpointStatus, 'models'>[]): { bytes: number; models: number } {
  let bytes = 0;
  let models = 0;
  for (const e of endpoints)
    for (const m of e.models) {
      const b = heldBytes(m);
      if (b === undefined) continue;
      bytes += b;
      models++;
    }
  return { bytes, models };
}
