// Writing fresh values (inserted members and elements, replaced values) in the document's own style.
import { BACKSLASH, CR, FF, LF, RE_IDENT, TAB } from './chars';
import { separatorOf } from './style';
import { toDoc, type Doc } from './tree';
import { MAX_DEPTH, type Json5Document, type Json5ObjectNode, type Quote } from './types';
import { isScalar, toJsonValue } from './values';

export interface KeyStyle {
  unquoted: boolean;
  quote: Quote;
  sep: string;
}

/** Quotes and escapes `s` for JSON5 with quote char q. */
export function quoteString(s: string, q: Quote): string {
  const qc = q.charCodeAt(0);
  let i = 0;
  const n = s.length;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 32 || c === qc || c === BACKSLASH || c === 0x2028 || c === 0x2029 || (c >= 0xd800 && c <= 0xdfff)) break;
  }
  if (i === n) return q + s + q;
  let out = q + s.slice(0, i);
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 32 && c !== qc && c !== BACKSLASH && c !== 0x2028 && c !== 0x2029 && (c < 0xd800 || c > 0xdfff)) {
      out += s[i];
      continue;
    }
    switch (c) {
      case qc:
        out += '\\' + q;
        break;
      case BACKSLASH:
        out += '\\\\';
        break;
      case 8:
        out += '\\b';
        break;
      case FF:
        out += '\\f';
        break;
      case LF:
        out += '\\n';
        break;
      case CR:
        out += '\\r';
        break;
      case TAB:
        out += '\\t';
        break;
      default:
        if (c >= 0xd800 && c <= 0xdbff) {
          const d = s.charCodeAt(i + 1);
          if (d >= 0xdc00 && d <= 0xdfff) {
            out += s[i]! + s[i + 1]!; // a valid pair is written as is
            i++;
            break;
          }
        }
        // other control chars, U+2028/U+2029 and lone surrogates (not encodable in UTF-8)
        out += '\\u' + c.toString(16).toUpperCase().padStart(4, '0');
    }
  }
  return out + q;
}

export function keyText(key: string, ks: KeyStyle): string {
  return ks.unquoted && RE_IDENT.test(key) ? key : quoteString(key, ks.quote);
}

export function docKeyStyle(doc: Doc): KeyStyle {
  const st = doc.style();
  return { unquoted: st.unquotedKeys, quote: st.keyQuote, sep: st.sep };
}

/** Key style of an object's existing members (doc style for an empty object). */
export function memberKeyStyle(doc: Doc, obj: Json5ObjectNode): KeyStyle {
  if (obj.members.length === 0) return docKeyStyle(doc);
  const st = doc.style();
  let unquoted = true;
  let quote: Quote | undefined;
  const seps = new Map<string, number>();
  for (const m of obj.members) {
    if (m.keyQuote !== '') {
      unquoted = false;
      quote = m.keyQuote;
    }
    const s = separatorOf(doc.text, m);
    if (s) seps.set(s, (seps.get(s) ?? 0) + 1);
  }
  let sep = st.sep;
  let best = 0;
  for (const [k, v] of seps) {
    if (v > best) {
      sep = k;
      best = v;
    }
  }
  return { unquoted, quote: quote ?? st.keyQuote, sep };
}

const INLINE_ARRAY_MAX = 80;

export function fmt(doc: Doc, value: unknown, indent: string, inline: boolean, ks: KeyStyle, depth: number): string {
  const v = toJsonValue(value);
  if (v === null) return 'null';
  switch (typeof v) {
    case 'string':
      return quoteString(v, doc.style().quote);
    case 'number':
      if (!Number.isFinite(v)) throw new Error(`cannot write the number ${v}: only finite numbers are supported`);
      return Object.is(v, -0) ? '-0' : String(v);
    case 'boolean':
      return v ? 'true' : 'false';
    case 'object':
      break;
    default:
      throw new Error(`cannot write a value of type ${typeof v}`);
  }
  if (depth > MAX_DEPTH) throw new Error('the value is nested too deeply (circular reference?)');
  const st = doc.style();
  const eol = st.eol;
  const inner = indent + st.indentUnit;
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    for (const x of v) if (x === undefined) throw new Error('cannot write an array element that is undefined');
    if (inline) return '[' + v.map((x) => fmt(doc, x, indent, true, ks, depth + 1)).join(', ') + ']';
    if (st.inlineArrays && v.every((x) => isScalar(toJsonValue(x)))) {
      const s = '[' + v.map((x) => fmt(doc, x, indent, true, ks, depth + 1)).join(', ') + ']';
      if (s.length <= INLINE_ARRAY_MAX) return s;
    }
    const items = v.map((x) => inner + fmt(doc, x, inner, false, ks, depth + 1));
    return '[' + eol + items.join(',' + eol) + (st.trailingCommas ? ',' : '') + eol + indent + ']';
  }
  const obj = v as Record<string, unknown>;
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined);
  if (keys.length === 0) return '{}';
  if (inline) return '{ ' + keys.map((k) => keyText(k, ks) + ks.sep + fmt(doc, obj[k], indent, true, ks, depth + 1)).join(', ') + ' }';
  const parts = keys.map((k) => inner + keyText(k, ks) + ks.sep + fmt(doc, obj[k], inner, false, ks, depth + 1));
  return '{' + eol + parts.join(',' + eol) + (st.trailingCommas ? ',' : '') + eol + indent + '}';
}

/** Serialize a fresh value in the document's style at a given nesting depth (used for inserted values). */
export function formatValue(doc: Json5Document, value: unknown, depth: number): string {
  const d = toDoc(doc);
  return fmt(d, value, d.style().indentUnit.repeat(Math.max(0, depth)), false, docKeyStyle(d), 0);
}
