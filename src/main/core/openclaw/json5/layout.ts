// Reading the source text's layout around a node: line starts, indentation, and what white space and
// comments belong to an entry's line (so a splice takes or leaves them whole).
import { CR, FF, LF, SLASH, SPACE, STAR, TAB, VT, isHSpace, isLineTerm, isUnicodeSpace } from './chars';

export function hasLineBreak(t: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = t.charCodeAt(i);
    if (c === LF || c === CR) return true;
  }
  return false;
}

export function lineStartOf(t: string, p: number): number {
  while (p > 0 && !isLineTerm(t.charCodeAt(p - 1))) p--;
  return p;
}

/** Leading spaces/tabs of the line containing p. */
export function lineIndent(t: string, p: number): string {
  const ls = lineStartOf(t, p);
  let e = ls;
  for (;;) {
    const c = t.charCodeAt(e);
    if (c === SPACE || c === TAB) e++;
    else break;
  }
  return t.slice(ls, e);
}

/** True when [a, b) holds only spaces and tabs. */
export function isIndent(t: string, a: number, b: number): boolean {
  for (let i = a; i < b; i++) {
    const c = t.charCodeAt(i);
    if (c !== SPACE && c !== TAB) return false;
  }
  return true;
}

/** Indentation of the entry's line when the entry starts its line, else undefined. */
export function ownLineIndent(t: string, start: number): string | undefined {
  const ls = lineStartOf(t, start);
  return isIndent(t, ls, start) ? t.slice(ls, start) : undefined;
}

/** End of what belongs to an entry's line after `p`: horizontal space and comments, stopping before a line break. */
export function tailEnd(t: string, p: number): number {
  const len = t.length;
  while (p < len) {
    const c = t.charCodeAt(p);
    if (isHSpace(c)) {
      p++;
      continue;
    }
    if (c === SLASH) {
      const n = t.charCodeAt(p + 1);
      if (n === SLASH) {
        p += 2;
        while (p < len && !isLineTerm(t.charCodeAt(p))) p++;
        return p;
      }
      if (n === STAR) {
        p = t.indexOf('*/', p + 2) + 2;
        continue;
      }
    }
    break;
  }
  return p;
}

export function afterLineBreak(t: string, p: number): number {
  const c = t.charCodeAt(p);
  if (c === CR && t.charCodeAt(p + 1) === LF) return p + 2;
  return isLineTerm(c) ? p + 1 : p;
}

/**
 * In [from, to) (white space and comments only), where the last comment ends: `end` is right after
 * its text, `cut` also takes a `//` comment's line break (where a following entry's own lines start).
 * Both are `from` when there is no comment.
 */
export function lastComment(t: string, from: number, to: number): { end: number; cut: number } {
  let end = from;
  let cut = from;
  let p = from;
  while (p < to) {
    const c = t.charCodeAt(p);
    if (c === SLASH && t.charCodeAt(p + 1) === SLASH) {
      while (p < to && !isLineTerm(t.charCodeAt(p))) p++;
      end = p;
      p = afterLineBreak(t, p);
      cut = p;
    } else if (c === SLASH && t.charCodeAt(p + 1) === STAR) {
      p = t.indexOf('*/', p + 2) + 2;
      end = cut = p;
    } else {
      p++;
    }
  }
  return { end, cut };
}

export function isBlank(t: string, a: number, b: number): boolean {
  for (let i = a; i < b; i++) {
    const c = t.charCodeAt(i);
    if (!(c === SPACE || c === LF || c === CR || c === TAB || c === VT || c === FF || isUnicodeSpace(c))) return false;
  }
  return true;
}
