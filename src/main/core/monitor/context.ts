// Context-window truth: compares each configured model's contextWindow with what its server really
// loaded (LM Studio loaded_context_length, Ollama /api/ps context_length, vLLM max_model_len,
// llama.cpp n_ctx — the adapters map them all to ModelStatus.loadedContext) and flags windows too
// small for an agent. Every finding is a ConfigWarning, with a one-click config-engine fix where the
// file (not the server) is what should change.
import type { ConfigWarning, EditCommand } from '../../../shared/config-edits';
import { GUIDE_MIN_CONTEXT, OPENCLAW_MIN_CONTEXT, OPENCLAW_WARN_CONTEXT } from '../../../shared/openclaw-schema';
import type { EndpointKind, EndpointStatus, ModelStatus } from '../../../shared/status';
import { KIND_LABEL } from './words';

/** One configured model as the config declares it. */
export interface ConfiguredModel {
  /** `provider/model`. */
  ref: string;
  contextWindow?: number;
  /** Where its contextWindow lives in the file (`models.providers.x.models[0].contextWindow`), so the UI shows the finding beside it. */
  path?: string;
}

export type ContextFindingCode =
  | 'context-above-loaded'
  | 'context-above-max'
  | 'context-below-loaded'
  | 'context-missing'
  | 'context-blocked'
  | 'context-too-small'
  | 'context-below-guide';

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
      } else if (cfg < loaded && cfg >= GUIDE_MIN_CONTEXT) {
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
    } else if (effective < GUIDE_MIN_CONTEXT) {
      push({ code: 'context-below-guide', severity: 'info', message: `${c.ref} has a ${fmt(effective)}-token window; the local-models guide advises at least ${fmt(GUIDE_MIN_CONTEXT)} for agents. To fix it, ${remedy}`, fix });
    }
  }
  return out;
}
