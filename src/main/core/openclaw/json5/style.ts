// The layout conventions a file already follows (line ending, indentation, quotes, key quoting, separator,
// trailing commas, inline arrays), learned from a sample of its nodes so inserted text looks like the rest.
import { COLON, CR, SPACE } from './chars';
import { hasLineBreak, lineIndent, ownLineIndent } from './layout';
import type { Json5ArrayNode, Json5Entry, Json5Member, Json5ObjectNode, Quote } from './types';
import { isScalar } from './values';

export interface Style {
  eol: '\n' | '\r\n';
  indentUnit: string;
  quote: Quote;
  keyQuote: Quote;
  unquotedKeys: boolean;
  sep: string;
  trailingCommas: boolean;
  inlineArrays: boolean;
}

export function separatorOf(t: string, m: Json5Member): string {
  const a = m.keyEnd;
  const b = m.value.start;
  const n = b - a;
  if (n === 1) return ':';
  if (n === 2) return t.charCodeAt(a) === COLON && t.charCodeAt(a + 1) === SPACE ? ': ' : '';
  if (n === 3) return t.charCodeAt(a) === SPACE && t.charCodeAt(a + 1) === COLON && t.charCodeAt(a + 2) === SPACE ? ' : ' : '';
  return '';
}

const STYLE_SAMPLE_LIMIT = 20000;

export function computeStyle(t: string, root: Json5ObjectNode): Style {
  // Line endings.
  let crlf = 0;
  let lf = 0;
  for (let i = t.indexOf('\n'); i >= 0; i = t.indexOf('\n', i + 1)) {
    if (i > 0 && t.charCodeAt(i - 1) === CR) crlf++;
    else lf++;
  }
  const units = new Map<string, number>();
  const seps = new Map<string, number>();
  let dq = 0;
  let sq = 0;
  let kdq = 0;
  let ksq = 0;
  let unq = 0;
  let withTrailing = 0;
  let withoutTrailing = 0;
  let inlineArr = 0;
  let multiArr = 0;
  let seen = 0;
  const stack: (Json5ObjectNode | Json5ArrayNode)[] = [root];
  while (stack.length > 0 && seen < STYLE_SAMPLE_LIMIT) {
    const c = stack.pop()!;
    const entries: readonly Json5Entry[] = c.type === 'object' ? c.members : c.items;
    seen += entries.length + 1;
    if (entries.length > 0) {
      const multi = hasLineBreak(t, c.start, c.end);
      if (multi) {
        if (entries[entries.length - 1]!.comma >= 0) withTrailing++;
        else withoutTrailing++;
        const own = ownLineIndent(t, entries[0]!.start);
        const parent = lineIndent(t, c.start);
        if (own !== undefined && own.length > parent.length && own.startsWith(parent)) {
          const u = own.slice(parent.length);
          units.set(u, (units.get(u) ?? 0) + 1);
        }
      }
      if (c.type === 'array' && c.value.every(isScalar)) {
        if (multi) multiArr++;
        else inlineArr++;
      }
    }
    if (c.type === 'object') {
      for (const m of c.members) {
        if (m.keyQuote === '"') kdq++;
        else if (m.keyQuote === "'") ksq++;
        else unq++;
        const s = separatorOf(t, m);
        if (s) seps.set(s, (seps.get(s) ?? 0) + 1);
      }
    }
    for (let i = entries.length - 1; i >= 0; i--) {
      const v = entries[i]!.value;
      if (v.type === 'object' || v.type === 'array') stack.push(v);
      else if (v.quote === '"') dq++;
      else if (v.quote === "'") sq++;
    }
  }
  const pick = (m: Map<string, number>, dflt: string): string => {
    let best = dflt;
    let n = 0;
    for (const [k, v] of m) {
      if (v > n) {
        best = k;
        n = v;
      }
    }
    return best;
  };
  const quote: Quote = sq + ksq > dq + kdq ? "'" : '"';
  return {
    eol: crlf > lf ? '\r\n' : '\n',
    indentUnit: pick(units, '  '),
    quote,
    keyQuote: ksq > kdq ? "'" : kdq > ksq ? '"' : quote,
    unquotedKeys: unq > kdq + ksq,
    sep: pick(seps, ': '),
    trailingCommas: withTrailing > withoutTrailing,
    inlineArrays: inlineArr > multiArr,
  };
}
