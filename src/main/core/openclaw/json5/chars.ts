// Character codes and the JSON5 character classes (white space, line terminators, identifiers, hex digits).

export const TAB = 9;
export const LF = 10;
export const VT = 11;
export const FF = 12;
export const CR = 13;
export const SPACE = 32;
export const DQUOTE = 34;
export const HASH = 35;
export const SQUOTE = 39;
export const STAR = 42;
export const PLUS = 43;
export const COMMA = 44;
export const MINUS = 45;
export const DOT = 46;
export const SLASH = 47;
export const ZERO = 48;
export const NINE = 57;
export const COLON = 58;
export const LBRACKET = 91;
export const BACKSLASH = 92;
export const RBRACKET = 93;
export const LBRACE = 123;
export const RBRACE = 125;
export const BOM = 0xfeff;

export const ID_START = new Uint8Array(128);
export const ID_PART = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const start = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 36 || c === 95;
  ID_START[c] = start ? 1 : 0;
  ID_PART[c] = start || (c >= ZERO && c <= NINE) ? 1 : 0;
}
// ES5 identifier classes, as used by the json5 package.
const RE_ID_START = /^[\p{Lu}\p{Ll}\p{Lt}\p{Lm}\p{Lo}\p{Nl}$_]$/u;
const RE_ID_PART = /^[\p{Lu}\p{Ll}\p{Lt}\p{Lm}\p{Lo}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}$_\u200C\u200D]$/u;
export const RE_IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export function isIdStart(cp: number): boolean {
  return cp < 128 ? ID_START[cp] === 1 : RE_ID_START.test(String.fromCodePoint(cp));
}
export function isIdPart(cp: number): boolean {
  return cp < 128 ? ID_PART[cp] === 1 : RE_ID_PART.test(String.fromCodePoint(cp));
}

/** JSON5 white space other than the ASCII ones (tab, LF, VT, FF, CR, space). */
export function isUnicodeSpace(c: number): boolean {
  return (
    c === 0xa0 ||
    c === BOM ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

export function isLineTerm(c: number): boolean {
  return c === LF || c === CR || c === 0x2028 || c === 0x2029;
}

/** White space that does not end a line. */
export function isHSpace(c: number): boolean {
  return c === SPACE || c === TAB || c === VT || c === FF || (c >= 0xa0 && c !== 0x2028 && c !== 0x2029 && isUnicodeSpace(c));
}

export function isDigit(c: number): boolean {
  return c >= ZERO && c <= NINE;
}

export function hexVal(c: number): number {
  if (c >= ZERO && c <= NINE) return c - ZERO;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

export function hexN(t: string, p: number, n: number): number {
  let v = 0;
  for (let i = 0; i < n; i++) {
    const h = hexVal(t.charCodeAt(p + i));
    if (h < 0) return -1;
    v = v * 16 + h;
  }
  return v;
}
