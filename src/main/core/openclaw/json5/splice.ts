// Plans text splices that insert or remove entries of an object or array while keeping the container's
// layout (indentation, inline or multi-line, commas, comments on the entry's own lines).
import { isHSpace, isLineTerm } from './chars';
import { docKeyStyle, fmt, keyText, memberKeyStyle } from './format';
import { afterLineBreak, hasLineBreak, isBlank, isIndent, lastComment, lineIndent, lineStartOf, ownLineIndent, tailEnd } from './layout';
import { entriesOf, type Doc } from './tree';
import type { Json5ArrayNode, Json5ObjectNode } from './types';

export interface Edit {
  start: number;
  end: number;
  text: string;
}

export function applyTextEdits(t: string, edits: Edit[]): string {
  if (edits.length === 0) return t;
  edits.sort((a, b) => a.start - b.start);
  let out = '';
  let p = 0;
  for (const e of edits) {
    if (e.start < p) throw new Error('internal error: overlapping edits');
    out += t.slice(p, e.start) + e.text;
    p = e.end;
  }
  return out + t.slice(p);
}

/** Indentation for a new entry of a multi-line container. */
function entryIndent(doc: Doc, c: Json5ObjectNode | Json5ArrayNode): string {
  const t = doc.text;
  const entries = entriesOf(c);
  for (let i = entries.length - 1; i >= 0; i--) {
    const own = ownLineIndent(t, entries[i]!.start);
    if (own !== undefined) return own;
  }
  return lineIndent(t, c.start) + doc.style().indentUnit;
}

/** An inline insertion longer than this that holds nested structure is a block: a line of its own is too short for it. */
export const MAX_INLINE_BLOCK = 120;

/**
 * Whether entries appended to the one-line container opening at `open` should get their own lines
 * instead of going inline: a whole block (a provider with its models: an object or list, longer than
 * MAX_INLINE_BLOCK by itself) in a file that is not itself written on one line (a minified file stays
 * so). Short additions (an alias, a model's details) keep the line's own style.
 */
function needsOwnLines(t: string, inline: string, parts: readonly string[]): boolean {
  return inline.length > MAX_INLINE_BLOCK && parts.some((p) => /[[{]/.test(p)) && hasLineBreak(t, 0, t.length);
}

/**
 * Appends entries (rendered by `make` for the chosen indentation / inline mode) at the end of a container.
 */
function planAppend(doc: Doc, c: Json5ObjectNode | Json5ArrayNode, make: (indent: string, inline: boolean) => string[], edits: Edit[]): void {
  const t = doc.text;
  const st = doc.style();
  const eol = st.eol;
  const entries = entriesOf(c);
  const open = c.start;
  const close = c.end - 1;
  const single = !hasLineBreak(t, open, close);
  if (entries.length === 0) {
    const parentIndent = lineIndent(t, open);
    const indent = parentIndent + st.indentUnit;
    const parts = make(indent, false);
    const contentEnd = lastComment(t, open + 1, close).end;
    const body = parts.map((p) => eol + indent + p).join(',') + (st.trailingCommas ? ',' : '');
    if (single) edits.push({ start: contentEnd, end: close, text: body + eol + parentIndent });
    else edits.push({ start: contentEnd, end: contentEnd, text: body });
    return;
  }
  const last = entries[entries.length - 1]!;
  const trailing = last.comma >= 0;
  if (single) {
    const parts = make('', true);
    const at = trailing ? last.comma + 1 : last.value.end;
    const inline = trailing ? parts.map((p) => ' ' + p + ',').join('') : parts.map((p) => ', ' + p).join('');
    if (!needsOwnLines(t, inline, parts)) {
      edits.push({ start: at, end: at, text: inline });
      return;
    }
    // A block (a provider with its models) in a one-line container of a multi-line file: its own lines,
    // one indentation unit deeper than the container's line, laid out like the file. Only new bytes go
    // in, right after the last entry (the closing brackets keep their place after the new block), so
    // removing the entry again gives back the original bytes exactly.
    const indent = lineIndent(t, open) + st.indentUnit;
    const blocks = make(indent, false);
    const text = (trailing ? '' : ',') + blocks.map((p, i) => eol + indent + p + (trailing || i < blocks.length - 1 ? ',' : '')).join('');
    edits.push({ start: at, end: at, text });
    return;
  }
  const indent = entryIndent(doc, c);
  const parts = make(indent, false);
  if (!trailing) edits.push({ start: last.value.end, end: last.value.end, text: ',' });
  const anchor = tailEnd(t, trailing ? last.comma + 1 : last.value.end);
  const text = parts.map((p, i) => eol + indent + p + (trailing || i < parts.length - 1 ? ',' : '')).join('');
  edits.push({ start: anchor, end: anchor, text });
}

export function planInsertMembers(doc: Doc, obj: Json5ObjectNode, entries: readonly (readonly [string, unknown])[], edits: Edit[]): void {
  const ks = memberKeyStyle(doc, obj);
  planAppend(doc, obj, (indent, inline) => entries.map(([k, v]) => keyText(k, ks) + ks.sep + fmt(doc, v, indent, inline, ks, 0)), edits);
}

export function arrayLayout(doc: Doc, arr: Json5ArrayNode): { inline: boolean; indent: string } {
  if (!hasLineBreak(doc.text, arr.start, arr.end)) return { inline: true, indent: lineIndent(doc.text, arr.start) };
  return { inline: false, indent: entryIndent(doc, arr) };
}

export function planInsertItems(doc: Doc, arr: Json5ArrayNode, index: number, values: readonly unknown[], inlineCtx: boolean, edits: Edit[]): void {
  const t = doc.text;
  const ks = docKeyStyle(doc);
  const items = arr.items;
  if (items.length === 0 && isBlank(t, arr.start + 1, arr.end - 1)) {
    edits.push({ start: arr.start, end: arr.end, text: fmt(doc, values, lineIndent(t, arr.start), inlineCtx, ks, 0) });
    return;
  }
  if (index >= items.length) {
    planAppend(doc, arr, (indent, inline) => values.map((v) => fmt(doc, v, indent, inline, ks, 0)), edits);
    return;
  }
  const { inline, indent } = arrayLayout(doc, arr);
  const sep = inline ? ' ' : doc.style().eol + indent;
  const at = items[index]!.start;
  edits.push({ start: at, end: at, text: values.map((v) => fmt(doc, v, indent, inline, ks, 0) + ',' + sep).join('') });
}

/** Removes entry `index` of a container (comma handling keeps the container's style). */
export function planDelete(doc: Doc, c: Json5ObjectNode | Json5ArrayNode, index: number, edits: Edit[]): void {
  const t = doc.text;
  const entries = entriesOf(c);
  const n = entries.length;
  const e = entries[index]!;
  const open = c.start;
  const close = c.end - 1;
  const afterComma = e.comma >= 0 ? e.comma + 1 : e.value.end;
  const tail = tailEnd(t, afterComma);
  const ls = lineStartOf(t, e.start);
  let rs: number;
  let re: number;
  const own: Edit[] = [];
  if (isIndent(t, ls, e.start) && (tail >= t.length || isLineTerm(t.charCodeAt(tail)))) {
    // The entry has its own line(s): remove them whole.
    rs = ls;
    re = afterLineBreak(t, tail);
    if (index === n - 1 && e.comma < 0 && index > 0) {
      const pc = entries[index - 1]!.comma;
      own.push({ start: pc, end: pc + 1, text: '' });
    }
  } else if (index < n - 1) {
    rs = e.start;
    re = afterComma;
    while (re < t.length && isHSpace(t.charCodeAt(re))) re++;
  } else if (index === 0) {
    rs = e.start;
    re = afterComma;
  } else {
    const prev = entries[index - 1]!;
    rs = lastComment(t, prev.comma + 1, e.start).cut;
    if (e.comma >= 0) {
      re = e.comma + 1;
    } else {
      re = e.value.end;
      own.push({ start: prev.comma, end: prev.comma + 1, text: '' });
    }
  }
  if (n === 1 && isBlank(t, open + 1, rs) && isBlank(t, re, close)) {
    edits.push({ start: open + 1, end: close, text: '' });
    return;
  }
  own.push({ start: rs, end: re, text: '' });
  edits.push(...own);
}
