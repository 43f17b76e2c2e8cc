// Offsets to 1-based line/column, the way an editor shows them, and located syntax errors.
import { BOM, CR, LF } from './chars';
import { Json5SyntaxError } from './types';

export function lineOf(t: string, offset: number): { line: number; lineStart: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, t.length);
  for (let i = 0; i < end; i++) {
    const c = t.charCodeAt(i);
    if (c === LF || (c === CR && t.charCodeAt(i + 1) !== LF)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, lineStart };
}

export function syntaxError(t: string, message: string, offset: number): Json5SyntaxError {
  const { line, column } = positionAt(t, offset);
  return new Json5SyntaxError(message, line, column, offset);
}

/** 1-based line and column (in characters; a leading BOM is not counted) of an offset. */
export function positionAt(t: string, offset: number): { line: number; column: number } {
  const { line, lineStart } = lineOf(t, offset);
  let column = 1;
  const end = Math.min(offset, t.length);
  for (let i = lineStart; i < end; i++) {
    const c = t.charCodeAt(i);
    if (i === 0 && c === BOM) continue; // editors do not show the BOM
    if (c >= 0xdc00 && c <= 0xdfff && i > lineStart) {
      const h = t.charCodeAt(i - 1);
      if (h >= 0xd800 && h <= 0xdbff) continue; // second half of one character
    }
    column++;
  }
  return { line, column };
}
