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
import { KIND_LABEL } from './words';

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
const RAISE_ON_SERVER: Record<EndpointKind, string> = {
  lmstudio: 'reload it in LM Studio with a larger context length',
  ollama: 'set params.num_ctx (or contextTokens) for it in openclaw.json, or OLLAMA_CONTEXT_LENGTH on the server',
  vllm: 'restart vLLM with a larger --max-model-len',
  llamacpp: 'restart llama-server with a larger -c / --ctx-size',
  litellm: 'raise the context of the backend behind LiteLLM',
  'openai-compatible': 'load it with a larger context on the server',
};

function splitRef(ref: string): { provider: string; model: string } {
  const i = ref.indexOf('/');
  return i < 0 ? { provider: ref, model: '' } : { provider: ref.slice(0, i), model: ref.slice(i + 1) };
}

const fmt = (n: number) => n.toLocaleString('en-US');

function setLimits(ref: string, contextWindow: number): { label: string; command: EditCommand } {
  return { label: `Set contextWindow to ${fmt(contextWindow)}`, command: { type: 'set-limits', input: { ref, contextWindow } } };
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
    const who = ep.kind ? KIND_LABEL[ep.kind] : 'the server';
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
        push({ code: 'context-missing', severity: 'warning', message: `${c.ref} has no contextWindow in openclaw.json, so OpenClaw assumes its default; ${who} loaded it with ${fmt(loaded)} tokens.`, fix: setLimits(c.ref, loaded) });
      } else if (cfg > loaded) {
        push({
          code: 'context-above-loaded',
          severity: 'warning',
          message: `openclaw.json gives ${c.ref} a ${fmt(cfg)}-token window, but ${who} loaded it with ${fmt(loaded)}: long sessions will overflow the server before OpenClaw compacts. Lower contextWindow to ${fmt(loaded)}, or ${RAISE_ON_SERVER[ep.kind ?? 'openai-compatible']}.`,
          fix: setLimits(c.ref, loaded),
        });
      } else if (cfg < loaded && cfg >= OPENCLAW_PROMPT_MIN_CONTEXT) {
        push({ code: 'context-below-loaded', severity: 'info', message: `OpenClaw uses ${fmt(cfg)} tokens of ${c.ref}, but ${who} loaded ${fmt(loaded)}: OpenClaw compacts earlier than it needs to.`, fix: setLimits(c.ref, loaded) });
      }
    } else if (cfg !== undefined && max !== undefined && cfg > max) {
      push({ code: 'context-above-max', severity: 'warning', message: `openclaw.json gives ${c.ref} a ${fmt(cfg)}-token window, but the model supports at most ${fmt(max)}.`, fix: setLimits(c.ref, max) });
    }

    // 2. Too small for an agent: the effective window is the smaller of the file's and the server's.
    const serverWindow = loaded ?? max;
    const effective = Math.min(cfg ?? Infinity, serverWindow ?? Infinity);
    if (!Number.isFinite(effective)) continue;
    const serverIsLimit = serverWindow !== undefined && serverWindow <= (cfg ?? Infinity);
    const remedy = serverIsLimit
      ? `${RAISE_ON_SERVER[ep.kind ?? 'openai-compatible']}.`
      : serverWindow !== undefined
        ? `raise contextWindow (the server has ${fmt(serverWindow)}).`
        : 'raise contextWindow.';
    const fix = !serverIsLimit && serverWindow !== undefined ? setLimits(c.ref, serverWindow) : undefined;
    if (effective < OPENCLAW_MIN_CONTEXT) {
      push({ code: 'context-blocked', severity: 'warning', blocks: true, message: `${c.ref} has a ${fmt(effective)}-token window: OpenClaw refuses to run below ${fmt(OPENCLAW_MIN_CONTEXT)}. To fix it, ${remedy}`, fix });
    } else if (effective < OPENCLAW_WARN_CONTEXT) {
      push({ code: 'context-too-small', severity: 'warning', message: `${c.ref} has a ${fmt(effective)}-token window: OpenClaw warns below ${fmt(OPENCLAW_WARN_CONTEXT)} and agent sessions will compact constantly. To fix it, ${remedy}`, fix });
    } else if (effective < OPENCLAW_PROMPT_MIN_CONTEXT) {
      push({ code: 'context-below-prompt', severity: 'warning', message: promptTooBig(c.ref, effective) + ` To fix it, ${remedy}`, fix });
    }
  }
  return out;
}

function promptTooBig(ref: string, window: number): string {
  return `${ref} has a ${fmt(window)}-token window, but OpenClaw's own agent prompt (system prompt, workspace files, tool schemas) is about 19,000–24,000 tokens before your first message: a turn and its reply need at least ${fmt(OPENCLAW_PROMPT_MIN_CONTEXT)}.`;
}

type Push = (f: Omit<ContextMismatch, 'ref' | 'endpointId' | 'modelId' | 'configured' | 'loaded' | 'max' | 'path' | 'blocks'> & { blocks?: boolean }) => void;

/** LM Studio: what OpenClaw will load, never "lower contextWindow to what some load happened to pick". */
function lmStudioFindings(c: ConfiguredModel, loaded: number | undefined, max: number | undefined, push: Push): void {
  const { provider, model } = splitRef(c.ref);
  const cfg = c.contextWindow;
  if (cfg !== undefined && max !== undefined && cfg > max) {
    push({ code: 'context-above-max', severity: 'warning', message: `openclaw.json gives ${c.ref} a ${fmt(cfg)}-token window, but the model supports at most ${fmt(max)}.`, fix: setLimits(c.ref, max) });
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
        message: `LM Studio holds ${c.ref} at ${fmt(loaded)} tokens, so OpenClaw will reload it at ${fmt(need)} on the next turn: a cold start. Load it now at ${fmt(need)} (Warmclaw keeps it that way when it keeps this model warm).`,
        load: { label: `Load now at ${fmt(need)}`, ref: c.ref, contextLength: need },
      });
    }
  } else {
    // Plain requests: LM Studio JIT-loads at the model's default context, whatever openclaw.json says.
    window = loaded ?? Math.min(cfg ?? Infinity, max ?? Infinity);
    if (loaded !== undefined && (cfg === undefined || loaded < cfg || loaded < OPENCLAW_PROMPT_MIN_CONTEXT)) {
      push({
        code: 'context-jit-default',
        severity: 'warning',
        message: `OpenClaw sends plain requests to provider "${provider}" (only a provider named "lmstudio" with params.preload on makes OpenClaw load at contextWindow), so LM Studio loads ${model} just-in-time at its default context: ${fmt(loaded)} tokens now${cfg !== undefined && loaded < cfg ? `, not the ${fmt(cfg)} openclaw.json promises` : ''}. Rename the provider to "lmstudio", or set this model's default context length in LM Studio (My Models → the model's settings).`,
      });
      if (loaded < OPENCLAW_MIN_CONTEXT) push({ code: 'context-blocked', severity: 'warning', blocks: true, message: `${c.ref} runs with a ${fmt(loaded)}-token window: OpenClaw refuses to run below ${fmt(OPENCLAW_MIN_CONTEXT)}.` });
      return;
    }
  }
  if (!Number.isFinite(window)) return;
  const remedy = cfg !== undefined && cfg <= (max ?? Infinity) && cfg === window ? 'raise contextWindow' : 'load it with a larger context in LM Studio';
  const fix = cfg !== undefined && cfg === window && max !== undefined && max > cfg ? setLimits(c.ref, Math.min(max, 65536)) : undefined;
  if (window < OPENCLAW_MIN_CONTEXT) push({ code: 'context-blocked', severity: 'warning', blocks: true, message: `${c.ref} has a ${fmt(window)}-token window: OpenClaw refuses to run below ${fmt(OPENCLAW_MIN_CONTEXT)}. To fix it, ${remedy}.`, fix });
  else if (window < OPENCLAW_WARN_CONTEXT) push({ code: 'context-too-small', severity: 'warning', message: `${c.ref} has a ${fmt(window)}-token window: OpenClaw warns below ${fmt(OPENCLAW_WARN_CONTEXT)}. To fix it, ${remedy}.`, fix });
  else if (window < OPENCLAW_PROMPT_MIN_CONTEXT) push({ code: 'context-below-prompt', severity: 'warning', message: `${promptTooBig(c.ref, window)} To fix it, ${remedy}.`, fix });
}
