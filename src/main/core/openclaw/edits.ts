// The edits: small pure functions from a parsed document (and a zod-checked input) to new text.
// They only ever touch the keys they are about; the document layer keeps every other byte.
import { labelled, msg, said, summarized, type Message } from '../../../shared/messages';
import { WarmclawError } from '../errors';
import type { ConfigWarning, EditCommand } from '../../../shared/config-edits';
import {
  DEFAULT_CONTEXT_WINDOW,
  DEFAULT_MAX_TOKENS,
  GUIDE_MIN_CONTEXT,
  OPENCLAW_MIN_CONTEXT,
  OPENCLAW_WARN_CONTEXT,
  type AddProviderInput,
  type ModelInput,
  type ProviderApi,
  type Routing,
  type ServerKind,
} from '../../../shared/openclaw-schema';
import { DEFAULT_PROVIDER_ID } from '../../../shared/openclaw-constants';
import {
  PATHS,
  defaultLocalRef,
  isLocalRef,
  objectAt,
  readProviders,
  readRouting,
  splitRef,
  wrongType,
  EXPECTED,
} from './config-model';
import { applyEdits, getAt, parseDocument, type EditOp, type Json5Document } from './json5-document';
import { routingOps } from './routing-ops';
import { agentModels } from './agents';
import { removeProvider } from './remove-provider';
import { setProviderOptions } from './provider-options';
import { assertRefsListed, closestNames, declaredRefs } from './model-refs';

export interface EditResult {
  text: string;
  summary: string;
  /** `summary` as a code the UI translates (History, the diff dialog). */
  summaryMsg?: Message;
  warnings: ConfigWarning[];
  /** State Warmclaw keeps for itself (never in the user's file), e.g. the order before "local first". */
  localFirst?: LocalFirstMemory | null;
}

/** What "use local first" remembers so that "off" can restore the exact previous order. */
export interface LocalFirstMemory {
  /** The raw `agents.defaults.model` before the switch (undefined = it was absent). */
  previous: unknown;
  /** The raw value Warmclaw wrote, to notice later hand edits. */
  applied: unknown;
  localRef: string;
  /** Allowlist entries (`agents.defaults.models`) that "on" added; "off" removes them while still empty. */
  addedAllowlist?: string[];
  /** The outermost container "on" had to create (e.g. `agents`); "off" removes it while it holds nothing else. */
  created?: string[];
  /** Agents whose own model "on" changed (coverAgents), with the value to put back. */
  agents?: { path: (string | number)[]; previous: unknown }[];
}

export interface EditContext {
  /** The local-first memory for this file, when the command needs it. */
  localFirst?: LocalFirstMemory | null;
}

interface KindDefaults {
  id: string;
  baseUrl: string;
  api: ProviderApi;
  apiKey: string;
}

/** Defaults from OpenClaw's local-models guide; ports are each server's own default. */
export const KIND_DEFAULTS: Record<ServerKind, KindDefaults> = {
  lmstudio: { id: DEFAULT_PROVIDER_ID.lmstudio, baseUrl: 'http://127.0.0.1:1234/v1', api: 'openai-responses', apiKey: 'lmstudio' },
  // Ollama's /v1 breaks tool calling: use its native API and URL.
  ollama: { id: DEFAULT_PROVIDER_ID.ollama, baseUrl: 'http://127.0.0.1:11434', api: 'ollama', apiKey: 'ollama-local' },
  vllm: { id: DEFAULT_PROVIDER_ID.vllm, baseUrl: 'http://127.0.0.1:8000/v1', api: 'openai-responses', apiKey: 'vllm-local' },
  litellm: { id: DEFAULT_PROVIDER_ID.litellm, baseUrl: 'http://127.0.0.1:4000/v1', api: 'openai-responses', apiKey: 'sk-litellm-local' },
  llamacpp: { id: DEFAULT_PROVIDER_ID.llamacpp, baseUrl: 'http://127.0.0.1:8080/v1', api: 'openai-responses', apiKey: 'llamacpp-local' },
  // Whether /v1/responses works depends on each model's backend behind llama-swap: completions always do.
  llamaswap: { id: DEFAULT_PROVIDER_ID.llamaswap, baseUrl: 'http://127.0.0.1:8080/v1', api: 'openai-completions', apiKey: 'llamaswap-local' },
  'openai-compatible': { id: DEFAULT_PROVIDER_ID['openai-compatible'], baseUrl: 'http://127.0.0.1:8000/v1', api: 'openai-responses', apiKey: 'local' },
};

function contextWarnings(ref: string, contextWindow: number | undefined, maxTokens: number | undefined): ConfigWarning[] {
  const out: ConfigWarning[] = [];
  if (contextWindow !== undefined && contextWindow < OPENCLAW_MIN_CONTEXT) {
    throw new WarmclawError('invalid-input', msg('error.context-below-minimum', { contextWindow, min: OPENCLAW_MIN_CONTEXT, ref }));
  }
  if (contextWindow !== undefined && maxTokens !== undefined && maxTokens >= contextWindow) {
    throw new WarmclawError(
      'invalid-input',
      msg('error.max-tokens-too-large', { maxTokens, contextWindow, ref }),
    );
  }
  if (contextWindow !== undefined && contextWindow < GUIDE_MIN_CONTEXT) {
    out.push({
      code: 'context-small',
      severity: 'warning',
      ...said(
        contextWindow < OPENCLAW_WARN_CONTEXT
          ? msg('lint.edit-context-small-warns', { ref, configured: contextWindow, guide: GUIDE_MIN_CONTEXT, warn: OPENCLAW_WARN_CONTEXT })
          : msg('lint.edit-context-small', { ref, configured: contextWindow, guide: GUIDE_MIN_CONTEXT }),
      ),
    });
  }
  return out;
}

function modelEntry(m: ModelInput): Record<string, unknown> {
  const contextWindow = m.contextWindow ?? DEFAULT_CONTEXT_WINDOW;
  return {
    id: m.id,
    name: m.name ?? m.id,
    reasoning: m.reasoning ?? false,
    input: m.input ?? ['text'],
    cost: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 },
    contextWindow,
    // A small window cannot spend 8192 tokens on the reply: default to at most half of it.
    maxTokens: m.maxTokens ?? Math.min(DEFAULT_MAX_TOKENS, Math.floor(contextWindow / 2)),
  };
}

/** Adds a local provider, or updates the given fields of an existing one and upserts its models. */
export function addProvider(doc: Json5Document, input: AddProviderInput): EditResult {
  const d = KIND_DEFAULTS[input.kind];
  const id = input.id ?? d.id;
  const providers = readProviders(doc);
  const existing = providers.find((p) => p.id === id);
  const ops: EditOp[] = [];
  const warnings: ConfigWarning[] = [];
  const base = [...PATHS.providers, id];

  for (const m of input.models) {
    const entry = modelEntry(m);
    warnings.push(...contextWarnings(`${id}/${m.id}`, entry.contextWindow as number, entry.maxTokens as number));
  }

  if (!existing) {
    ops.push({
      op: 'set',
      path: base,
      value: {
        baseUrl: input.baseUrl ?? d.baseUrl,
        apiKey: input.apiKey ?? d.apiKey,
        api: input.api ?? d.api,
        models: input.models.map(modelEntry),
      },
    });
  } else {
    if (input.baseUrl !== undefined) ops.push({ op: 'set', path: [...base, 'baseUrl'], value: input.baseUrl });
    if (input.apiKey !== undefined) ops.push({ op: 'set', path: [...base, 'apiKey'], value: input.apiKey });
    if (input.api !== undefined) ops.push({ op: 'set', path: [...base, 'api'], value: input.api });
    let appendAt = existing.models.length === 0 ? 0 : Math.max(...existing.models.map((m) => m.index)) + 1;
    if (getAt(doc, [...base, 'models']) === undefined) ops.push({ op: 'set', path: [...base, 'models'], value: [] });
    for (const m of input.models) {
      const found = existing.models.find((x) => x.id === m.id);
      if (!found) {
        ops.push({ op: 'set', path: [...base, 'models', appendAt++], value: modelEntry(m) });
        continue;
      }
      // Update only what was given: a user's hand-tuned name, cost or flags stay.
      const at = [...base, 'models', found.index];
      if (m.name !== undefined) ops.push({ op: 'set', path: [...at, 'name'], value: m.name });
      if (m.contextWindow !== undefined) ops.push({ op: 'set', path: [...at, 'contextWindow'], value: m.contextWindow });
      if (m.maxTokens !== undefined) ops.push({ op: 'set', path: [...at, 'maxTokens'], value: m.maxTokens });
      if (m.reasoning !== undefined) ops.push({ op: 'set', path: [...at, 'reasoning'], value: m.reasoning });
      if (m.input !== undefined) ops.push({ op: 'set', path: [...at, 'input'], value: m.input });
    }
  }

  const mode = getAt(doc, PATHS.mode);
  if (mode === undefined) {
    // Keep the hosted catalog next to the local one (the guide's recommendation).
    ops.push({ op: 'set', path: PATHS.mode, value: 'merge' });
  } else if (mode === 'replace') {
    warnings.push({
      code: 'mode-replace',
      severity: 'warning',
      path: 'models.mode',
      ...said(msg('lint.mode-replace-kept')),
      fix: { ...labelled(msg('fix.switch-to-merge')), command: { type: 'set-mode', input: { mode: 'merge' } } },
    });
  }
  const models = input.models.map((m) => m.id).join(', ');
  return { text: applyEdits(doc.text, ops), warnings, ...summarized(msg(existing ? 'edit.provider-updated' : 'edit.provider-added', { provider: id, models })) };
}

function findModel(doc: Json5Document, ref: string) {
  const { provider, model } = splitRef(ref);
  const p = readProviders(doc).find((x) => x.id === provider);
  if (!p) throw new WarmclawError('not-found', msg('error.no-provider', { provider }));
  const m = p.models.find((x) => x.id === model);
  if (!m) {
    const known = p.models.map((x) => x.id).join(', ');
    const suggestions = closestNames(ref, declaredRefs(doc));
    if (suggestions.length) throw new WarmclawError('not-found', msg('error.no-model-suggest', { provider, model, known: known || 'none', suggestions: suggestions.join(' or ') }), { suggestions });
    throw new WarmclawError('not-found', known ? msg('error.no-model', { provider, model, known }) : msg('error.no-model-none', { provider, model }));
  }
  return { provider: p, model: m };
}

/** Sets a model's context window and/or max output tokens, refusing what OpenClaw would refuse. */
export function setModelLimits(doc: Json5Document, input: { ref: string; contextWindow?: number; maxTokens?: number }): EditResult {
  const { provider, model } = findModel(doc, input.ref);
  const cw = input.contextWindow ?? model.contextWindow;
  const mt = input.maxTokens ?? model.maxTokens;
  const warnings = contextWarnings(input.ref, cw, mt);
  const at = [...PATHS.providers, provider.id, 'models', model.index];
  const ops: EditOp[] = [];
  if (input.contextWindow !== undefined) ops.push({ op: 'set', path: [...at, 'contextWindow'], value: input.contextWindow });
  if (input.maxTokens !== undefined) ops.push({ op: 'set', path: [...at, 'maxTokens'], value: input.maxTokens });
  const { ref, contextWindow, maxTokens } = input;
  const summary =
    contextWindow !== undefined && maxTokens !== undefined
      ? msg('edit.limits-both', { contextWindow, maxTokens, ref })
      : maxTokens !== undefined
        ? msg('edit.limits-max-tokens', { maxTokens, ref })
        : msg('edit.limits-context', { contextWindow: contextWindow ?? '', ref });
  return { text: applyEdits(doc.text, ops), warnings, ...summarized(summary) };
}

/** Name, reasoning flag, input kinds and cost of one declared model: only the fields given change. */
export function setModelDetails(doc: Json5Document, input: { ref: string; name?: string; reasoning?: boolean; input?: ('text' | 'image')[]; cost?: { input: number; output: number; cacheRead: number; cacheWrite: number } }): EditResult {
  const { provider, model } = findModel(doc, input.ref);
  const at = [...PATHS.providers, provider.id, 'models', model.index];
  const ops: EditOp[] = [];
  const parts: Message[] = [];
  const set = (key: string, value: unknown, label: Message) => {
    ops.push({ op: 'set', path: [...at, key], value });
    parts.push(label);
  };
  if (input.name !== undefined) set('name', input.name, msg('edit.part-name', { name: input.name }));
  if (input.reasoning !== undefined) set('reasoning', input.reasoning, msg(input.reasoning ? 'edit.part-reasoning-on' : 'edit.part-reasoning-off'));
  if (input.input !== undefined) {
    const kinds = [...new Set(input.input)];
    set('input', kinds, msg('edit.part-input', { kinds: kinds.join('+') }));
  }
  if (input.cost !== undefined) set('cost', input.cost, msg('edit.part-cost'));
  return { text: applyEdits(doc.text, ops), warnings: [], ...summarized(msg('edit.model-details', { parts, ref: input.ref })) };
}

/**
 * Writes the routing back in the shape the file already uses: a bare string stays a string while
 * there are no fallbacks; `{ primary, fallbacks }` keeps its other keys and comments.
 */
/**
 * When `agents.defaults.models` exists it is OpenClaw's model allowlist: a ref we route to must be in
 * it or OpenClaw refuses the model at run time. Adds missing refs as empty entries.
 */
function allowlistOps(doc: Json5Document, refs: (string | undefined)[]): EditOp[] {
  const map = objectAt(doc, PATHS.agentModels);
  if (!map) return [];
  return [...new Set(refs.filter((r): r is string => !!r && !(r in map)))].map((r) => ({ op: 'set', path: [...PATHS.agentModels, r], value: {} }));
}

export function setPrimary(doc: Json5Document, input: { ref: string }): EditResult {
  assertRefsListed(doc, [input.ref]);
  const routing = readRouting(doc);
  const fallbacks = routing.fallbacks.filter((f) => f !== input.ref);
  const ops = [...routingOps(doc, { primary: input.ref, fallbacks }), ...allowlistOps(doc, [input.ref])];
  return { text: applyEdits(doc.text, ops), warnings: [], ...summarized(msg('edit.primary', { ref: input.ref })) };
}

export function setFallbacks(doc: Json5Document, input: { refs: string[] }): EditResult {
  assertRefsListed(doc, input.refs);
  const routing = readRouting(doc);
  const refs = [...new Set(input.refs)].filter((r) => r !== routing.primary);
  const ops = [...routingOps(doc, { primary: routing.primary, fallbacks: refs }), ...allowlistOps(doc, refs)];
  return { text: applyEdits(doc.text, ops), warnings: [], ...summarized(refs.length ? msg('edit.fallbacks', { refs: refs.join(' → ') }) : msg('edit.fallbacks-cleared')) };
}

export function setAlias(doc: Json5Document, input: { ref: string; alias: string }): EditResult {
  assertRefsListed(doc, [input.ref]);
  const map = objectAt(doc, PATHS.agentModels) ?? {};
  const entry = map[input.ref];
  if (entry !== undefined && (typeof entry !== 'object' || entry === null || Array.isArray(entry))) {
    wrongType(doc, [...PATHS.agentModels, input.ref], EXPECTED.aliasEntry);
  }
  const clash = Object.entries(map).find(([ref, v]) => ref !== input.ref && (v as { alias?: unknown } | null)?.alias === input.alias);
  if (clash) throw new WarmclawError('invalid-input', msg('error.alias-taken', { alias: input.alias, ref: clash[0] }));
  const text = applyEdits(doc.text, [{ op: 'set', path: [...PATHS.agentModels, input.ref, 'alias'], value: input.alias }]);
  return { text, warnings: [], ...summarized(msg('edit.alias-set', { alias: input.alias, ref: input.ref })) };
}

/** Removes only the alias; the entry stays because it also allowlists the model. */
export function removeAlias(doc: Json5Document, input: { ref: string }): EditResult {
  const text = applyEdits(doc.text, [{ op: 'delete', path: [...PATHS.agentModels, input.ref, 'alias'] }]);
  return { text, warnings: [], ...summarized(msg('edit.alias-removed', { ref: input.ref })) };
}

/** Local first on: the local model leads, the previous primary heads the hosted safety net. */
export function localFirstOn(doc: Json5Document, input: { localRef?: string; coverAgents?: boolean }, memory?: LocalFirstMemory | null): EditResult {
  const providers = readProviders(doc);
  const localRef = input.localRef ?? defaultLocalRef(providers);
  if (!localRef) {
    throw new WarmclawError('not-found', msg('error.no-local-provider'));
  }
  if (!isLocalRef(providers, localRef)) {
    const { provider } = splitRef(localRef);
    throw new WarmclawError('invalid-input', msg('error.not-local', { ref: localRef, provider }));
  }
  findModel(doc, localRef);
  const previous = getAt(doc, PATHS.agentModel);
  const routing = readRouting(doc);
  // Agents with a model of their own win over the defaults: the switch alone would not reach them.
  const own = agentModels(doc).filter((a) => a.routing.primary !== undefined && a.routing.primary !== localRef);
  const cover = input.coverAgents === true && own.length > 0;
  if (routing.primary === localRef && !cover) {
    return { text: doc.text, warnings: [], ...summarized(msg('edit.local-first-already-on', { ref: localRef })), localFirst: undefined };
  }
  const chain = [routing.primary, ...routing.fallbacks].filter((r): r is string => !!r && r !== localRef);
  const next: Routing = { primary: localRef, fallbacks: [...new Set(chain)] };
  const allow = allowlistOps(doc, [localRef]);
  const created = getAt(doc, ['agents']) === undefined ? ['agents'] : getAt(doc, ['agents', 'defaults']) === undefined ? ['agents', 'defaults'] : undefined;
  const agentOps: EditOp[] = cover
    ? own.map((a) => ({ op: 'set' as const, path: a.path, value: { primary: localRef, fallbacks: [...new Set([a.routing.primary!, ...a.routing.fallbacks].filter((r) => r !== localRef))] } }))
    : [];
  const defaultsOps = routing.primary === localRef ? [] : routingOps(doc, next);
  const text = applyEdits(doc.text, [...defaultsOps, ...allow, ...agentOps]);
  const applied = getAt(parseDocument(text), PATHS.agentModel);
  const warnings: ConfigWarning[] = [];
  if (next.fallbacks.length === 0) {
    warnings.push({ code: 'no-safety-net', severity: 'warning', ...said(msg('lint.no-safety-net')) });
  }
  if (own.length && !cover) {
    warnings.push({
      code: 'agents-own-model',
      severity: 'warning',
      ...said(msg('lint.agents-own-model', { agents: own.map((a) => `${a.id} (${a.routing.primary})`).join(', ') })),
      fix: { ...labelled(msg('fix.cover-agents', { count: own.length })), command: { type: 'local-first-on', input: { localRef, coverAgents: true } } },
    });
  }
  const agents = cover ? own.map((a) => ({ path: [...a.path], previous: a.raw })) : undefined;
  const summary = next.fallbacks.length ? msg('edit.local-first-on', { ref: localRef, fallbacks: next.fallbacks.join(' → ') }) : msg('edit.local-first-on-alone', { ref: localRef });
  return {
    text,
    warnings,
    ...summarized(cover ? msg('edit.local-first-on-agents', { change: summary, count: own.length }) : summary),
    // Covering agents once the defaults are already local keeps the order remembered back then.
    localFirst:
      routing.primary === localRef && memory
        ? { ...memory, agents: [...(memory.agents ?? []), ...(agents ?? [])] }
        : { previous, applied, localRef, addedAllowlist: allow.map((op) => String(op.path.at(-1))), created, ...(agents && { agents }) },
  };
}

/** True for `{}` or objects holding only empty objects: what Warmclaw created and nobody filled. */
function isEmptyTree(v: unknown): boolean {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every(isEmptyTree);
}

/** Local first off: restores exactly the routing from before "on" (remembered by Warmclaw, not the file). */
export function localFirstOff(doc: Json5Document, memory: LocalFirstMemory | null | undefined): EditResult {
  if (!memory) {
    throw new WarmclawError('not-found', msg('error.no-local-first-memory'));
  }
  const warnings: ConfigWarning[] = [];
  const current = getAt(doc, PATHS.agentModel);
  if (JSON.stringify(current) !== JSON.stringify(memory.applied)) {
    warnings.push({ code: 'routing-edited', severity: 'info', ...said(msg('lint.routing-edited')) });
  }
  const ops: EditOp[] = memory.previous === undefined ? [{ op: 'delete', path: PATHS.agentModel }] : [{ op: 'set', path: PATHS.agentModel, value: memory.previous }];
  // Agents "on" covered get their own model back exactly.
  for (const a of memory.agents ?? []) ops.push(a.previous === undefined ? { op: 'delete', path: a.path } : { op: 'set', path: a.path, value: a.previous });
  for (const ref of memory.addedAllowlist ?? []) {
    if (isEmptyTree(getAt(doc, [...PATHS.agentModels, ref]))) ops.push({ op: 'delete', path: [...PATHS.agentModels, ref] });
  }
  let text = applyEdits(doc.text, ops);
  if (memory.created) {
    const after = parseDocument(text);
    if (isEmptyTree(getAt(after, memory.created))) text = applyEdits(text, [{ op: 'delete', path: memory.created }]);
  }
  return { text, warnings, ...summarized(msg('edit.local-first-off')), localFirst: null };
}

export function setBaseUrl(doc: Json5Document, input: { provider: string; baseUrl: string; api?: string }): EditResult {
  if (!objectAt(doc, [...PATHS.providers, input.provider])) throw new WarmclawError('not-found', msg('error.no-provider-short', { provider: input.provider }));
  const ops: EditOp[] = [{ op: 'set', path: [...PATHS.providers, input.provider, 'baseUrl'], value: input.baseUrl }];
  if (input.api) ops.push({ op: 'set', path: [...PATHS.providers, input.provider, 'api'], value: input.api });
  return { text: applyEdits(doc.text, ops), warnings: [], ...summarized(msg('edit.base-url', { provider: input.provider, baseUrl: input.baseUrl })) };
}

export function setMode(doc: Json5Document, input: { mode: 'merge' | 'replace' }): EditResult {
  return { text: applyEdits(doc.text, [{ op: 'set', path: PATHS.mode, value: input.mode }]), warnings: [], ...summarized(msg('edit.mode', { mode: input.mode })) };
}

/** Turns on OpenClaw's safeguard compaction, the guide's advice for local models. */
export function enableCompaction(doc: Json5Document): EditResult {
  objectAt(doc, PATHS.compaction);
  const text = applyEdits(doc.text, [{ op: 'set', path: [...PATHS.compaction, 'mode'], value: 'safeguard' }]);
  return { text, warnings: [], ...summarized(msg('edit.compaction')) };
}

/**
 * `$include` pulls part of the config from another file, and keys beside it override what the
 * include brings. Warmclaw never inlines the include; it says where its change went instead.
 */
function includeWarnings(doc: Json5Document, path: readonly string[]): ConfigWarning[] {
  for (let i = path.length; i >= 0; i--) {
    const at = path.slice(0, i);
    const inc = getAt(doc, [...at, '$include']);
    if (inc !== undefined) {
      const where = at.join('.') || msg('lint.top-level');
      return [
        {
          code: 'include-override',
          severity: 'info',
          path: at.join('.'),
          ...said(msg('lint.include-override', { where, include: JSON.stringify(inc) })),
        },
      ];
    }
  }
  return [];
}

const EDITED_PATH: Partial<Record<EditCommand['type'], readonly string[]>> = {
  'add-provider': PATHS.providers,
  'remove-provider': PATHS.providers,
  'set-provider-options': PATHS.providers,
  'set-primary': PATHS.agentModel,
  'set-fallbacks': PATHS.agentModel,
  'local-first-on': PATHS.agentModel,
  'set-alias': PATHS.agentModels,
  'set-limits': PATHS.providers,
  'set-model-details': PATHS.providers,
  'enable-compaction': PATHS.compaction,
};

/** Runs one command against a document. Inputs are already zod-parsed by the boundary. */
export function runEdit(doc: Json5Document, cmd: EditCommand, ctx: EditContext = {}): EditResult {
  const result = runCommand(doc, cmd, ctx);
  const path = EDITED_PATH[cmd.type];
  if (path && result.text !== doc.text) result.warnings.push(...includeWarnings(doc, path));
  return result;
}

function runCommand(doc: Json5Document, cmd: EditCommand, ctx: EditContext): EditResult {
  switch (cmd.type) {
    case 'add-provider':
      return addProvider(doc, cmd.input);
    case 'remove-provider':
      return removeProvider(doc, cmd.input);
    case 'set-limits':
      return setModelLimits(doc, cmd.input);
    case 'set-model-details':
      return setModelDetails(doc, cmd.input);
    case 'set-primary':
      return setPrimary(doc, cmd.input);
    case 'set-fallbacks':
      return setFallbacks(doc, cmd.input);
    case 'set-alias':
      return setAlias(doc, cmd.input);
    case 'remove-alias':
      return removeAlias(doc, cmd.input);
    case 'local-first-on':
      return localFirstOn(doc, cmd.input, ctx.localFirst);
    case 'local-first-off':
      return localFirstOff(doc, ctx.localFirst);
    case 'set-provider-options':
      return setProviderOptions(doc, cmd.input);
    case 'set-base-url':
      return setBaseUrl(doc, cmd.input);
    case 'set-mode':
      return setMode(doc, cmd.input);
    case 'enable-compaction':
      return enableCompaction(doc);
  }
}
