// The unified diff of an openclaw.json change as a person sees it (web preview, CLI `config diff`,
// `--json` of apply/undo, History): the real change, with every secret masked. The file itself always
// gets the real values; only what is shown is masked. What a secret is: ../secrets.ts (the logs' rule).
import { createTwoFilesPatch } from 'diff';
import { SECRET_KEY, SECRET_VALUE, isEnvReference, isSecretKey, maskSecret } from '../secrets';
import type { Json5Document, Json5Node } from './json5-document';

/** Below this length a secret is masked only where it stands as a quoted value: `"local"` may also be a provider id. */
const MASK_ANYWHERE = 16;
/** Shorter values are not masked by value (they would blank common words); the key-name rule still covers them. */
const MIN_SECRET = 4;

/** The diff from `before` to `after`, secrets masked ('' when the texts are equal). */
export function maskedUnifiedDiff(path: string, before: string | Json5Document, after: string | Json5Document): string {
  const b = typeof before === 'string' ? before : before.text;
  const a = typeof after === 'string' ? after : after.text;
  if (a === b) return '';
  return maskSecrets(createTwoFilesPatch(path, path, b, a, 'before', 'after', { context: 3 }), [before, after]);
}

/** Masks in `text` the secrets of the given configs (by key name and by value) and secret-shaped values. */
export function maskSecrets(text: string, configs: readonly (string | Json5Document)[]): string {
  const secrets = new Set<string>();
  for (const c of configs) for (const s of secretsOf(c)) secrets.add(s);
  let out = text;
  // Longest first: a secret that contains another is masked whole.
  for (const s of [...secrets].sort((x, y) => y.length - x.length)) {
    if (s.length >= MASK_ANYWHERE) out = out.split(s).join(maskSecret(s));
    else out = out.replace(new RegExp(`(["'])${escapeRegExp(s)}\\1(?!\\s*:)`, 'g'), (_m, q: string) => q + maskSecret(s) + q);
  }
  // Lines of a text that does not parse (an old backup), and anything the walk above could not see.
  out = out.replace(KEYED_STRING, (m, _key: string, q: string, value: string) =>
    value === '' || value.includes('••••') || isEnvReference(value) ? m : m.slice(0, m.length - value.length - 2) + q + maskSecret(value) + q,
  );
  for (const re of SECRET_VALUE) out = out.replace(re, (m) => (m.includes('••••') ? m : maskSecret(m)));
  return out;
}

/** `apiKey: "…"`, `"x-api-key": '…'`: a secret-named key and its quoted value on one line. */
const KEYED_STRING = new RegExp(`(["']?[\\w$-]*(?:${SECRET_KEY.source})[\\w$-]*["']?)\\s*:\\s*(["'])((?:\\\\.|(?!\\2)[^\\\\\\r\\n])*)\\2`, 'gi');

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The string values under secret-named keys, as parsed and as written in the file (escapes and all).
 * A text not parsed yet (an edit's result, a backup) is scanned line by line instead: parsing a 4 MB
 * file again for this would double the memory of an edit, and Warmclaw writes a key and its value on
 * one line.
 */
function secretsOf(config: string | Json5Document): string[] {
  if (typeof config === 'string') {
    const out: string[] = [];
    for (const m of config.matchAll(KEYED_STRING)) if (m[3]!.length >= MIN_SECRET && !isEnvReference(m[3]!)) out.push(m[3]!);
    return out;
  }
  const doc = config;
  const out: string[] = [];
  const visit = (node: Json5Node): void => {
    if (node.type === 'object') {
      for (const m of node.members) {
        const v = m.value;
        if (v.type === 'string' && isSecretKey(m.key)) {
          const raw = doc.text.slice(v.start + 1, v.end - 1);
          for (const s of [v.value as string, ...raw.split(/\r?\n|\r/)]) if (s.length >= MIN_SECRET && !isEnvReference(s)) out.push(s);
        } else {
          visit(v);
        }
      }
    } else if (node.type === 'array') {
      for (const item of node.items) visit(item.value);
    }
  };
  visit(doc.root);
  return out;
}
