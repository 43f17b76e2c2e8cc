// Hostile answers that are still well-formed HTTP + JSON: the simulator serves its normal response and
// rewrites the JSON body on the way out (see the failure modes in core.ts). A client must survive them
// without crashing, allocating absurd amounts, or echoing control characters to a terminal or log.
import type { Json } from './fixtures';

/** Keys whose strings name a model or server: what a client shows to people and writes to logs. */
const NAME_KEYS = new Set(['id', 'name', 'model', 'model_name', 'model_path', 'root', 'parent', 'version', 'display_name', 'path']);
/** Keys left as they are by wrong-types, so the server is still identified and its parsing gets exercised. */
const KIND_KEYS = new Set(['object', 'owned_by']);

/**
 * Clear screen, red, a window title, an OSC 8 hyperlink, a bidi override and a bare carriage return:
 * what a terminal would obey if a client printed the name raw.
 */
export const ESCAPES_BEFORE = '\u001b[2J\u001b[31m\u001b]0;pwned\u0007';
export const ESCAPES_AFTER = '\u001b]8;;http://evil.example\u0007link\u001b]8;;\u0007\u202e\r\u0000';

function mapJson(v: Json, leaf: (value: Json, key: string | undefined) => Json, key?: string): Json {
  if (Array.isArray(v)) return v.map((x) => mapJson(x, leaf, key));
  if (v !== null && typeof v === 'object') {
    const out: Record<string, Json> = {};
    for (const [k, x] of Object.entries(v)) out[k] = mapJson(x as Json, leaf, k);
    return out;
  }
  return leaf(v, key);
}

/** Every model and server name wrapped in terminal escape codes and control characters. */
export function withEscapeCodes(body: Json): Json {
  return mapJson(body, (v, key) => (typeof v === 'string' && key !== undefined && NAME_KEYS.has(key) ? `${ESCAPES_BEFORE}${v}${ESCAPES_AFTER}` : v));
}

/** Every number 1e308 (context lengths, sizes, timestamps, counts): finite, but no allocation or timer survives it. */
export function withHugeNumbers(body: Json): Json {
  return mapJson(body, (v) => (typeof v === 'number' ? 1e308 : v));
}

/** Numbers as strings, strings as numbers, booleans as strings, nulls as objects (kind markers kept). */
export function withWrongTypes(body: Json): Json {
  return mapJson(body, (v, key) => {
    if (key !== undefined && KIND_KEYS.has(key)) return v;
    if (typeof v === 'number') return String(v);
    if (typeof v === 'string') return v.length;
    if (typeof v === 'boolean') return v ? 'yes' : 'no';
    if (v === null) return { null: true };
    return v;
  });
}

/** A small seeded PRNG (mulberry32): random 500s that a test can repeat. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
