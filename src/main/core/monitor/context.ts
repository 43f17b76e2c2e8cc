// Context-window truth: compares each configured model's contextWindow with what its server really
// loaded (LM Studio loaded_context_length, Ollama /api/ps context_length, vLLM max_model_len,
// llama.cpp n_ctx — the adapters map them all to ModelStatus.loadedContext) and flags windows too
// small for an agent. Every finding is a ConfigWarning, with a one-click config-engine fix where the
// file (not the server) is what should change.
//
// LM Studio is different: its loaded context is whatever the last loader asked for, not a limit of the
// server. OpenClaw's `lmstudio` provider reloads the model at its own context before a turn when the
// loaded one is smaller, and any other provider gets a JIT load at LM Studio's default context. So for
// LM Studio the loaded context is never offered as a new contextWindow (it may be a value only a JIT
// ping produced): the findings say what OpenClaw will do and offer to load it now at the right size.
import type { ConfigWarning, EditCommand } from '../../../shared/config-edits';
import { OPENCLAW_MIN_CONTEXT, OPENCLAW_PROMPT_MIN_CONTEXT, OPENCLAW_WARN_CONTEXT } from '../../../shared/openclaw-schema';
import { lmStudioLoadContext } from '../endpoints/lmstudio';
import type { EndpointKind, EndpointStatus, ModelStatus } from '../../../shared/status';
import { labelled, msg, said, type Message } from '../../../shared/messages';
import { whoMessage } from './words';

/** One configured model as the config declares it. */
export interface ConfiguredModel {
  /** `provider/model`. */
  ref: string;
  contextWindow?: number;
  /** Where its contextWindow lives in the file (`models.providers.x.models[0].contextWindow`), so the UI shows the finding beside it. */
  path?: string;
  /**
   * The context OpenClaw's `lmstudio` provider preloads this model at (contextTokens ?? contextWindow ??
   * 64,000); undefined when OpenClaw sends plain requests (another provider id, or params.preload false).
   */
  lmstudioPreload?: number;
}

export type ContextFindingCode =
  | 'context-above-loaded'
  | 'context-above-max'
  | 'context-below-loaded'
  | 'context-missing'
  | 'context-blocked'
  | 'context-too-small'
  | 'context-below-prompt'
  | 'context-reload-pending'
  | 'context-jit-default';

export interface ContextMismatch extends ConfigWarning {
  code: ContextFindingCode;
  ref: string;
  endpointId: string;
  modelId: string;
  configured?: number;
  loaded?: number;
  max?: number;
  /** OpenClaw refuses to run with this window (below OPENCLAW_MIN_CONTEXT). */
  blocks: boolean;
}

/** How to give a model a bigger window on each runtime (the server, not the file, must change). */
const RAISE_ON_SERVER: Record<EndpointKind, Message> = {
  lmstudio: msg('remedy.lmstudio'),
  ollama: msg('remedy.ollama'),
  vllm: msg('remedy.vllm'),
  llamacpp: msg('remedy.llamacpp'),
  litellm: msg('remedy.litellm'),
  llamaswap: msg('remedy.llamaswap'),
  'openai-compatible': msg('remedy.openai-compatible'),
};

function splitRef(ref: string): { provider: string; model: string } {
  const i = ref.indexOf('/');
  return i < 0 ? { provider: ref, model: '' } : { provider: ref.slice(0, i), model: ref.slice(i + 1) };
}

function setLimits(ref: string, contextWindow: number): { label: string; labelMsg: Message; command: EditCommand } {
  return { ...labelled(msg('fix.set-context-window', { tokens: contextWindow })), command: { type: 'set-limits', input: { ref, contextWindow } } };
}

function findModel(endpoints: readonly EndpointStatus[], ref: string): { ep: EndpointStatus; model: ModelStatus } | undefined {
  const { provider, model } = splitRef(ref);
  for (const ep of endpoints) {
    if (ep.providerId !== provider) continue;
    const m = ep.models.find((x) => x.id === model || x.ref === ref);
    if (m) return { ep, model: m };
  }
  return undefined;
}

/**
 * Findings for every configured model whose server is monitored and lists it. At most one "size"
 * finding (configured vs loaded/max) and one "small window" finding per model.
 */
export function contextMismatches(endpoints: readonly EndpointStatus[], configured: readonly ConfiguredModel[]): ContextMismatch[] {
  const out: ContextMismatch[] = [];
  for (const c of configured) {
    const hit = findModel(endpoints, c.ref);
    if (!hit) continue;
    const { ep, model } = hit;
    const who = whoMessage(ep.kind);
    const loaded = model.state === 'loaded' ? model.loadedContext : undefined;
    const max = model.maxContext;
    const cfg = c.contextWindow;
    const base = { ref: c.ref, endpointId: ep.id, modelId: model.id, configured: cfg, loaded, max, ...(c.path !== undefined && { path: c.path }) };
    const push = (f: Omit<ContextMismatch, keyof typeof base | 'blocks'> & { blocks?: boolean }) => out.push({ ...base, blocks: false, ...f });

    if (ep.kind === 'lmstudio') {
      lmStudioFindings(c, loaded, max, push);
      continue;
    }

    // 1. Configured vs what the server holds.
    if (loaded !== undefined) {
      if (cfg === undefined) {
        push({ code: 'context-missing', severity: 'warning', ...said(msg('context.missing', { ref: c.ref, who, loaded })), fix: setLimits(c.ref, loaded) });
      } else if (cfg > loaded) {
        push({
          code: 'context-above-loaded',
          severity: 'warning',
          ...said(msg('context.above-loaded', { ref: c.ref, configured: cfg, who, loaded, remedy: RAISE_ON_SERVER[ep.kind ?? 'openai-compatible'] })),
          fix: setLimits(c.ref, loaded),
        });
      } else if (cfg < loaded && cfg >= OPENCLAW_PROMPT_MIN_CONTEXT) {
        push({ code: 'context-below-loaded', severity: 'info', ...said(msg('context.below-loaded', { configured: cfg, ref: c.ref, who, loaded })), fix: setLimits(c.ref, loaded) });
      }
    } else if (cfg !== undefined && max !== undefined && cfg > max) {
      push({ code: 'context-above-max', severity: 'warning', ...said(msg('context.above-max', { ref: c.ref, configured: cfg, max })), fix: setLimits(c.ref, max) });
    }

    // 2. Too small for an agent: the effective window is the smaller of the file's and the server's.
    const serverWindow = loaded ?? max;
    const effective = Math.min(cfg ?? Infinity, serverWindow ?? Infinity);
    if (!Number.isFinite(effective)) continue;
    const serverIsLimit = serverWindow !== undefined && serverWindow <= (cfg ?? Infinity);
    const remedy = serverIsLimit
      ? RAISE_ON_SERVER[ep.kind ?? 'openai-compatible']
      : serverWindow !== undefined
        ? msg('remedy.raise-context-window-server-has', { tokens: serverWindow })
        : msg('remedy.raise-context-window');
    const fix = !serverIsLimit && serverWindow !== undefined ? setLimits(c.ref, serverWindow) : undefined;
    if (effective < OPENCLAW_MIN_CONTEXT) {
      push({ code: 'context-blocked', severity: 'warning', blocks: true, ...said(msg('context.blocked', { ref: c.ref, window: effective, min: OPENCLAW_MIN_CONTEXT, remedy })), fix });
    } else if (effective < OPENCLAW_WARN_CONTEXT) {
      push({ code: 'context-too-small', severity: 'warning', ...said(msg('context.too-small', { ref: c.ref, window: effective, warn: OPENCLAW_WARN_CONTEXT, remedy })), fix });
    } else if (effective < OPENCLAW_PROMPT_MIN_CONTEXT) {
      push({ code: 'context-below-prompt', severity: 'warning', ...said(msg('context.below-prompt', { ref: c.ref, window: effective, need: OPENCLAW_PROMPT_MIN_CONTEXT, remedy })), fix });
    }
  }
  return out;
}

type Push = (f: Omit<ContextMismatch, 'ref' | 'endpointId' | 'modelId' | 'configured' | 'loaded' | 'max' | 'path' | 'blocks'> & { blocks?: boolean }) => void;

/** LM Studio: what OpenClaw will load, never "lower contextWindow to what some load happened to pick". */
function lmStudioFindings(c: ConfiguredModel, loaded: number | undefined, max: number | undefined, push: Push): void {
  const { provider, model } = splitRef(c.ref);
  const cfg = c.contextWindow;
  if (cfg !== undefined && max !== undefined && cfg > max) {
    push({ code: 'context-above-max', severity: 'warning', ...said(msg('context.above-max', { ref: c.ref, configured: cfg, max })), fix: setLimits(c.ref, max) });
  }
  let window: number;
  if (c.lmstudioPreload !== undefined) {
    // OpenClaw's lmstudio provider: it loads at min(requested, max) before the turn when no instance holds that much.
    const need = lmStudioLoadContext(c.lmstudioPreload, max);
    window = need;
    if (loaded !== undefined && loaded < need) {
      push({
        code: 'context-reload-pending',
        severity: 'warning',
        ...said(msg('context.reload-pending', { ref: c.ref, loaded, need })),
        load: { ...labelled(msg('fix.load-now-at', { tokens: need })), ref: c.ref, contextLength: need },
      });
    }
  } else {
    // Plain requests: LM Studio JIT-loads at the model's default context, whatever openclaw.json says.
    window = loaded ?? Math.min(cfg ?? Infinity, max ?? Infinity);
    if (loaded !== undefined && (cfg === undefined || loaded < cfg || loaded < OPENCLAW_PROMPT_MIN_CONTEXT)) {
      push({
        code: 'context-jit-default',
        severity: 'warning',
        ...said(cfg !== undefined && loaded < cfg ? msg('context.jit-default-below', { provider, model, loaded, configured: cfg }) : msg('context.jit-default', { provider, model, loaded })),
      });
      if (loaded < OPENCLAW_MIN_CONTEXT) push({ code: 'context-blocked', severity: 'warning', blocks: true, ...said(msg('context.blocked-now', { ref: c.ref, window: loaded, min: OPENCLAW_MIN_CONTEXT })) });
      return;
    }
  }
  if (!Number.isFinite(window)) return;
  const remedy = cfg !== undefined && cfg <= (max ?? Infinity) && cfg === window ? msg('remedy.raise-context-window') : msg('remedy.lmstudio-load-larger');
  const fix = cfg !== undefined && cfg === window && max !== undefined && max > cfg ? setLimits(c.ref, Math.min(max, 65536)) : undefined;
  if (window < OPENCLAW_MIN_CONTEXT) push({ code: 'context-blocked', severity: 'warning', blocks: true, ...said(msg('context.blocked', { ref: c.ref, window, min: OPENCLAW_MIN_CONTEXT, remedy })), fix });
  else if (window < OPENCLAW_WARN_CONTEXT) push({ code: 'context-too-small', severity: 'warning', ...said(msg('context.too-small-lmstudio', { ref: c.ref, window, warn: OPENCLAW_WARN_CONTEXT, remedy })), fix });
  else if (window < OPENCLAW_PROMPT_MIN_CONTEXT) push({ code: 'context-below-prompt', severity: 'warning', ...said(msg('context.below-prompt', { ref: c.ref, window, need: OPENCLAW_PROMPT_MIN_CONTEXT, remedy })), fix });
}
