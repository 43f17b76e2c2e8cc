// The edits every corpus test applies, with the expected object computed independently of src/
// (a small oracle over plain objects) and the lines each edit may touch.
import JSON5 from 'json5';
import type { EditCommand } from '../../src/shared/config-edits';

export type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const clone = <T>(v: T): T => structuredClone(v);
const ensure = (o: Obj, k: string): Obj => (o[k] ??= {});

function lmEntry(id: string, contextWindow: number) {
  return { id, name: id, reasoning: false, input: ['text'], cost: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 }, contextWindow, maxTokens: 8192 };
}

export function routingOf(o: Obj): { primary?: string; fallbacks: string[] } {
  const m = o.agents?.defaults?.model;
  if (typeof m === 'string') return { primary: m, fallbacks: [] };
  return { primary: m?.primary, fallbacks: m?.fallbacks ?? [] };
}

/** The expected object after setting routing, written independently of src/ (the oracle). */
function withRouting(o: Obj, primary: string | undefined, fallbacks: string[], allow: string[]): Obj {
  const r = clone(o);
  const defaults = ensure(ensure(r, 'agents'), 'defaults');
  const cur = defaults.model;
  if ((typeof cur === 'string' || cur === undefined) && fallbacks.length === 0) defaults.model = primary;
  else if (typeof cur === 'string' || cur === undefined) defaults.model = { primary, fallbacks };
  else {
    cur.primary = primary;
    if (fallbacks.length > 0 || cur.fallbacks !== undefined) cur.fallbacks = fallbacks;
  }
  if (defaults.models) for (const ref of allow) defaults.models[ref] ??= {};
  return r;
}

export interface Case {
  name: string;
  cmd: EditCommand;
  expected: Obj;
  /** Lines of the value being edited may change; any other line may only gain a comma. */
  mayChange: (line: string) => boolean;
}

export function casesFor(text: string): Case[] {
  const o = JSON5.parse(text) as Obj;
  const cases: Case[] = [];

  const added = clone(o);
  const providers = ensure(ensure(added, 'models'), 'providers');
  providers['wc-lmstudio'] = { baseUrl: 'http://127.0.0.1:1234/v1', apiKey: 'lmstudio', api: 'openai-responses', models: [lmEntry('qwen/qwen3-32b', 32768)] };
  added.models.mode ??= 'merge';
  cases.push({
    name: 'add-provider (new)',
    cmd: { type: 'add-provider', input: { kind: 'lmstudio', id: 'wc-lmstudio', models: [{ id: 'qwen/qwen3-32b', contextWindow: 32768 }] } },
    expected: added,
    // Only a `{}` that had to open up (empty providers/models object) may change besides the comma.
    mayChange: (l) => /^\s*("?)(models|providers)\1\s*:\s*\{\s*\}\s*,?\s*\r?\n?$/.test(l) || /^\s*\}\s*,?\s*\r?\n?$/.test(l),
  });

  const firstProvider = Object.entries((o.models?.providers ?? {}) as Obj).find(([, p]) => Array.isArray(p?.models) && p.models.some((m: Obj) => typeof m?.id === 'string'));
  if (firstProvider) {
    const [pid, p] = firstProvider;
    const idx = (p.models as Obj[]).findIndex((m) => typeof m?.id === 'string');
    const mid = p.models[idx].id as string;
    const maxTokens = typeof p.models[idx].maxTokens === 'number' ? p.models[idx].maxTokens : undefined;
    const cw = Math.max(65536, (maxTokens ?? 0) + 1);
    const limits = clone(o);
    limits.models.providers[pid].models[idx].contextWindow = cw;
    cases.push({
      name: `set-limits ${pid}/${mid}`,
      cmd: { type: 'set-limits', input: { ref: `${pid}/${mid}`, contextWindow: cw } },
      expected: limits,
      mayChange: (l) => /contextWindow/.test(l) || (p.models[idx].contextWindow === undefined && /^\s*\}\s*,?\s*\r?\n?$/.test(l)),
    });
  }

  if (firstProvider) {
    const [pid, p] = firstProvider;
    const idx = (p.models as Obj[]).findIndex((m) => typeof m?.id === 'string');
    const mid = p.models[idx].id as string;
    const cost = { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 };
    const details = clone(o);
    Object.assign(details.models.providers[pid].models[idx], { reasoning: true, input: ['text', 'image'], cost });
    cases.push({
      name: `set-model-details ${pid}/${mid}`,
      cmd: { type: 'set-model-details', input: { ref: `${pid}/${mid}`, reasoning: true, input: ['text', 'image'], cost } },
      expected: details,
      mayChange: (l) => /reasoning|"?input"?\s*:|cost|cacheRead|cacheWrite|"?output"?\s*:|"text"|'text'|"image"|'image'|^\s*[\]}]\s*,?\s*\r?\n?$/.test(l),
    });
  }

  const routing = routingOf(o);
  const newPrimary = 'anthropic/claude-sonnet-4-5';
  const primaryExpected = withRouting(o, newPrimary, routing.fallbacks.filter((f) => f !== newPrimary), [newPrimary]);
  cases.push({
    name: 'set-primary',
    cmd: { type: 'set-primary', input: { ref: newPrimary } },
    expected: primaryExpected,
    mayChange: (l) => /primary|"model"|\bmodel\b|fallbacks|^\s*[\]}]\s*,?\s*\r?\n?$/.test(l) || routing.fallbacks.some((f) => l.includes(f)),
  });

  const reordered = [...routing.fallbacks].reverse().concat(['openai/gpt-5']).filter((f, i, a) => f !== routing.primary && a.indexOf(f) === i);
  cases.push({
    name: 'set-fallbacks (reorder + append)',
    cmd: { type: 'set-fallbacks', input: { refs: reordered } },
    expected: withRouting(o, routing.primary, reordered, reordered),
    mayChange: (l) => /fallbacks|"model"|\bmodel\b|primary|^\s*[\]}]\s*,?\s*\r?\n?$/.test(l) || reordered.some((f) => l.includes(f)),
  });

  const aliased = clone(o);
  const models = ensure(ensure(ensure(aliased, 'agents'), 'defaults'), 'models');
  models['openai/gpt-5'] = { ...(models['openai/gpt-5'] ?? {}), alias: 'wcfast' };
  cases.push({
    name: 'set-alias',
    cmd: { type: 'set-alias', input: { ref: 'openai/gpt-5', alias: 'wcfast' } },
    expected: aliased,
    mayChange: (l) => /alias|gpt-5|^\s*("?)(models|defaults|agents)\1\s*:\s*\{\s*\}\s*,?\s*\r?\n?$/.test(l) || /^\s*\}\s*,?\s*\r?\n?$/.test(l),
  });
  return cases;
}

