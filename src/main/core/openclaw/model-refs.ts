// Which model refs an edit may name. One rule for every path that routes to a model (CLI, IPC, HTTP):
// a provider declared in models.providers with a model list serves only the models it lists, so a
// ref to any other model of it is refused with the closest listed names ("did you mean …?").
//
// OpenClaw itself is more lenient here: for a declared provider with a baseUrl it accepts any model
// id (it cannot know a proxy's list) and the typo surfaces only when a turn fails at the server. Refs
// to providers the file does not declare are OpenClaw's catalog's business: they are checked by its
// CLI when one is installed (openclaw-model-catalog.ts), and only warned about.
import { WarmclawError } from '../errors';
import { escapeControls } from '../text';
import { PATHS, isPlainObject, readProviders, readRouting, splitRef } from './config-model';
import { getAt, type Json5Document } from './json5-document';

/**
 * Providers OpenClaw ships in its built-in catalog: a ref to one of these is valid without a
 * `models.providers` entry (as long as `models.mode` is not "replace").
 */
export const BUILT_IN_PROVIDERS = new Set([
  'anthropic', 'openai', 'openai-codex', 'google', 'google-vertex', 'google-gemini-cli', 'google-antigravity', 'openrouter',
  'xai', 'groq', 'mistral', 'deepseek', 'cerebras', 'together', 'fireworks', 'moonshot', 'kimi-coding', 'minimax', 'zai',
  'github-copilot', 'amazon-bedrock', 'azure-openai', 'opencode', 'venice', 'synthetic', 'vercel-ai-gateway', 'huggingface',
  'nvidia', 'qwen-portal', 'perplexity', 'ollama', 'lmstudio', 'vllm', 'chutes', 'copilot-proxy', 'xiaomi',
  // bundled with a model catalog in OpenClaw 2026.9 (dist/extensions/*/openclaw.plugin.json)
  'claude-cli', 'ollama-cloud', 'opencode-go',
]);

/** Built-in providers that front a local server: their models are whatever the server has, i.e. the list in the file. */
const LOCAL_RUNTIMES = new Set(['lmstudio', 'ollama', 'vllm']);

/**
 * True when the provider's models come from OpenClaw's hosted catalog as well as from the file's list.
 * Whatever `models.mode` says: OpenClaw 2026.9.6's `config set` accepts catalog models of a declared
 * hosted provider under "replace" too (checked with its CLI).
 */
function hasHostedCatalog(provider: string): boolean {
  return BUILT_IN_PROVIDERS.has(provider) && !LOCAL_RUNTIMES.has(provider);
}

/** Levenshtein distance (insert, delete, substitute), case-insensitive: "gpt-4oo" is 1 from "gpt-4o". */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const row = [i];
    for (let j = 1; j <= t.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (s[i - 1] === t[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[t.length]!;
}

/**
 * Up to `max` candidates close enough to `wanted` to be what was meant, closest first. "Close enough"
 * is a third of the longer name (at least 2 edits), so a typo matches and an unrelated name does not.
 */
export function closestNames(wanted: string, candidates: readonly string[], max = 3): string[] {
  return [...new Set(candidates)]
    .map((c) => ({ c, d: editDistance(wanted, c) }))
    .filter(({ c, d }) => d > 0 && d <= Math.max(2, Math.floor(Math.max(c.length, wanted.length) / 3)))
    .sort((x, y) => x.d - y.d || x.c.localeCompare(y.c))
    .slice(0, max)
    .map(({ c }) => c);
}

/** Every `provider/model` the file's providers list. */
export function declaredRefs(doc: Json5Document): string[] {
  return readProviders(doc).flatMap((p) => p.models.map((m) => `${p.id}/${m.id}`));
}

/** Refs the routing and the alias map (`agents.defaults.models`) name. */
export function namedRefs(doc: Json5Document): Set<string> {
  const routing = readRouting(doc);
  const map = getAt(doc, PATHS.agentModels);
  return new Set([...(routing.primary ? [routing.primary] : []), ...routing.fallbacks, ...(isPlainObject(map) ? Object.keys(map) : [])]);
}

/** The refs `after` names that `before` did not: what an edit added to the routing or aliases. */
export function addedRefs(before: Json5Document, after: Json5Document): string[] {
  const old = namedRefs(before);
  return [...namedRefs(after)].filter((r) => !old.has(r));
}

/**
 * Why `ref` cannot be used, with suggestions; undefined when its provider lists it, lists nothing, is
 * not declared, or has OpenClaw's hosted catalog behind it.
 */
export function unlistedModel(doc: Json5Document, ref: string): { message: string; suggestions: string[] } | undefined {
  const { provider, model } = splitRef(ref);
  const p = readProviders(doc).find((x) => x.id === provider);
  if (!p || p.models.length === 0 || p.models.some((m) => m.id === model) || hasHostedCatalog(provider)) return undefined;
  const suggestions = closestNames(ref, declaredRefs(doc));
  // Ids come from the file and the input: a line break or escape in one must not reach a terminal raw.
  const safe = (s: string) => escapeControls(s);
  const hint = suggestions.length ? ` Did you mean ${suggestions.map(safe).join(' or ')}?` : '';
  const listed = p.models.map((m) => safe(m.id));
  const shown = listed.length > 8 ? `${listed.slice(0, 8).join(', ')} and ${listed.length - 8} more` : listed.join(', ');
  return {
    suggestions,
    message: `Provider "${safe(provider)}" lists no model "${safe(model)}", so OpenClaw would send requests for a model the server does not have.${hint} It lists: ${shown}. To use another model, add it to the provider first (warmclaw config add-provider <kind> --id ${safe(provider)} --model <id>).`,
  };
}

/**
 * Refuses refs a declared provider does not list. Only refs the file does not already name are
 * judged (`known`): reordering what is there, or moving a hand-written ref, is never blocked.
 */
export function assertRefsListed(doc: Json5Document, refs: readonly string[]): void {
  const known = namedRefs(doc);
  for (const ref of refs) {
    if (known.has(ref)) continue;
    const problem = unlistedModel(doc, ref);
    if (problem) throw new WarmclawError('invalid-input', problem.message, { suggestions: problem.suggestions });
  }
}
