/**
 * Lossless JSON5 document layer for OpenClaw's hand-written `openclaw.json` files.
 *
 * `parseDocument` runs one hand-written pass over the text and builds a small node tree with offsets
 * (plus the plain value, deep-equal to `JSON5.parse`). Edits (`setAt`, `deleteAt`, `applyEdits`) are computed as
 * splices of the original text: every byte outside the replaced value / inserted or removed member stays as it
 * was (comments, quoting, unquoted keys, trailing commas, blank and whitespace-only lines, CRLF, BOM, final newline).
 * Every edit re-parses its result and checks the edited value before returning, so a bug here can never hand a
 * broken file to the writer.
 *
 * See docs/decisions/0001-own-lossless-json5-layer.md for why this is not a library.
 */

export type PathSegment = string | number;
export type JsonPath = readonly PathSegment[];

/** Thrown for text that is not JSON5 (or not an object root): 1-based line/column of the offending char. */
export class Json5SyntaxError extends Error {
  readonly line: number;
  readonly column: number;
  readonly offset: number;

  constructor(message: string, line: number, column: number, offset: number) {
    super(message);
    this.name = 'Json5SyntaxError';
    this.line = line;
    this.column = column;
    this.offset = offset;
  }
}

export type Quote = '"' | "'";

/** A parsed value with its source range [start, end). */
export type Json5Node = Json5ObjectNode | Json5ArrayNode | Json5ScalarNode;

export interface Json5ScalarNode {
  readonly type: 'string' | 'number' | 'boolean' | 'null';
  readonly start: number;
  readonly end: number;
  readonly value: string | number | boolean | null;
  /** Quote char of a string token; '' for other scalars. */
  readonly quote: Quote | '';
}

/** One object member or array element: `start` is where the key (or the element) begins. */
export interface Json5Entry {
  readonly start: number;
  readonly value: Json5Node;
  /** Offset of the comma after this entry, -1 when there is none. */
  readonly comma: number;
}

export interface Json5Member extends Json5Entry {
  readonly key: string;
  readonly keyEnd: number;
  /** '' for an unquoted (identifier) key. */
  readonly keyQuote: Quote | '';
}

export interface Json5ObjectNode {
  readonly type: 'object';
  readonly start: number;
  readonly end: number;
  /** In source order; duplicate keys appear more than once (the last one wins in `value`). */
  readonly members: readonly Json5Member[];
  readonly value: Record<string, unknown>;
}

export interface Json5ArrayNode {
  readonly type: 'array';
  readonly start: number;
  readonly end: number;
  readonly items: readonly Json5Entry[];
  readonly value: unknown[];
}

export interface Json5Document {
  /** Exact original text (incl. BOM if any). */
  readonly text: string;
  /** Plain JS value, deep-equal to JSON5.parse(text). Shared with the node tree: do not mutate. */
  readonly value: unknown;
  /** Dominant line ending. */
  readonly eol: '\n' | '\r\n';
  /** Learned indentation unit ('\t', '  ', '    ' …; default '  '). */
  readonly indentUnit: string;
  /** Dominant string quote style (for inserted strings). */
  readonly quote: Quote;
  /** Node tree with source offsets. */
  readonly root: Json5ObjectNode;
}

export type EditOp = { op: 'set'; path: JsonPath; value: unknown } | { op: 'delete'; path: JsonPath };

// ---------------------------------------------------------------------------------------------------------------
// Character codes and classes
// ---------------------------------------------------------------------------------------------------------------

const TAB = 9;
const LF = 10;
const VT = 11;
const FF = 12;
const CR = 13;
const SPACE = 32;
const DQUOTE = 34;
const HASH = 35;
const SQUOTE = 39;
const STAR = 42;
const PLUS = 43;
const COMMA = 44;
const MINUS = 45;
const DOT = 46;
const SLASH = 47;
const ZERO = 48;
const NINE = 57;
const COLON = 58;
const LBRACKET = 91;
const BACKSLASH = 92;
const RBRACKET = 93;
const LBRACE = 123;
const RBRACE = 125;
const BOM = 0xfeff;

const MAX_DEPTH = 1000;

const MSG_HASH = "'#' is not valid JSON5 (JSON5 comments use // or /* */)";
const MSG_U_BRACE = 'invalid escape \\u{…}: JSON5 only allows \\uXXXX';
const MSG_UTF16 = 'file is UTF-16 encoded; save it as UTF-8';
const MSG_ROOT = 'the top level must be an object { … }';

const ID_START = new Uint8Array(128);
const ID_PART = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const start = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 36 || c === 95;
  ID_START[c] = start ? 1 : 0;
  ID_PART[c] = start || (c >= ZERO && c <= NINE) ? 1 : 0;
}
// ES5 identifier classes, as used by the json5 package.
const RE_ID_START = /^[\p{Lu}\p{Ll}\p{Lt}\p{Lm}\p{Lo}\p{Nl}$_]$/u;
const RE_ID_PART = /^[\p{Lu}\p{Ll}\p{Lt}\p{Lm}\p{Lo}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}$_\u200C\u200D]$/u;
const RE_IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function isIdStart(cp: number): boolean {
  return cp < 128 ? ID_START[cp] === 1 : RE_ID_START.test(String.fromCodePoint(cp));
}
function isIdPart(cp: number): boolean {
  return cp < 128 ? ID_PART[cp] === 1 : RE_ID_PART.test(String.fromCodePoint(cp));
}

/** JSON5 white space other than the ASCII ones (tab, LF, VT, FF, CR, space). */
function isUnicodeSpace(c: number): boolean {
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

function isLineTerm(c: number): boolean {
  return c === LF || c === CR || c === 0x2028 || c === 0x2029;
}

/** White space that does not end a line. */
function isHSpace(c: number): boolean {
  return c === SPACE || c === TAB || c === VT || c === FF || (c >= 0xa0 && c !== 0x2028 && c !== 0x2029 && isUnicodeSpace(c));
}

function isDigit(c: number): boolean {
  return c >= ZERO && c <= NINE;
}

function hexVal(c: number): number {
  if (c >= ZERO && c <= NINE) return c - ZERO;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

function hexN(t: string, p: number, n: number): number {
  let v = 0;
  for (let i = 0; i < n; i++) {
    const h = hexVal(t.charCodeAt(p + i));
    if (h < 0) return -1;
    v = v * 16 + h;
  }
  return v;
}

// ---------------------------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------------------------

function lineOf(t: string, offset: number): { line: number; lineStart: number } {
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

function syntaxError(t: string, message: string, offset: number): Json5SyntaxError {
  const { line, column } = positionAt(t, offset);
  return new Json5SyntaxError(message, line, column, offset);
}

/** 1-based line and column (in characters; a leading BOM is not counted) of an offset. */
function positionAt(t: string, offset: number): { line: number; column: number } {
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

function describeAt(t: string, p: number): string {
  if (p >= t.length) return 'the end of the file';
  const c = t.codePointAt(p) ?? 0;
  if (c === LF || c === CR) return 'a line break';
  if (c === TAB) return 'a tab';
  if (c < 32 || (c >= 0x7f && c <= 0x9f) || isUnicodeSpace(c) || c === 0xfffd) {
    return `the character U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return `'${String.fromCodePoint(c)}'`;
}

/**
 * After `buf.toString('utf8')` a UTF-16 file shows up as ASCII interleaved with NUL chars (LE: `{\0\n\0…`,
 * BE: `\0{\0\n…`), possibly behind a BOM that decoded to two U+FFFD (or U+FFFE when mis-decoded as UTF-16).
 */
function looksUtf16(t: string): boolean {
  const first = t.charCodeAt(0);
  if (first === 0xfffe) return true;
  const n = Math.min(t.length, 64);
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i++) {
    if (t.charCodeAt(i) === 0) {
      if (i & 1) odd++;
      else even++;
    }
  }
  const need = Math.max(2, n >> 3);
  if (odd >= need || even >= need) return true;
  return first === 0xfffd && t.charCodeAt(1) === 0xfffd && (odd > 0 || even > 0);
}

// ---------------------------------------------------------------------------------------------------------------
// Parser
// ---------------------------------------------------------------------------------------------------------------

class Parser {
  private pos = 0;
  private depth = 0;
  private readonly t: string;
  private readonly len: number;

  constructor(t: string) {
    this.t = t;
    this.len = t.length;
  }

  private fail(message: string, at: number): never {
    throw syntaxError(this.t, message, at);
  }

  /** Error for an unexpected char at `p`, where `what` says what was expected. */
  private unexpected(p: number, what: string): never {
    if (p >= this.len) this.fail(`unexpected end of file: ${what}`, p);
    if (this.t.charCodeAt(p) === HASH) this.fail(MSG_HASH, p);
    this.fail(`${what}, found ${describeAt(this.t, p)}`, p);
  }

  private notClosed(open: number, close: string): never {
    const kind = close === '}' ? 'object' : 'array';
    const { line } = lineOf(this.t, open);
    this.fail(`unexpected end of file: the ${kind} opened on line ${line} is never closed with '${close}'`, this.len);
  }

  parseRoot(): Json5ObjectNode {
    const t = this.t;
    if (looksUtf16(t)) throw new Json5SyntaxError(MSG_UTF16, 1, 1, 0);
    this.ws();
    if (this.pos >= this.len) this.fail(`the file is empty; ${MSG_ROOT}`, this.pos);
    const c = t.charCodeAt(this.pos);
    if (c !== LBRACE) {
      if (c === HASH) this.fail(MSG_HASH, this.pos);
      if (c === LBRACKET || c === DQUOTE || c === SQUOTE || c === MINUS || c === PLUS || c === DOT || isDigit(c) || /^(true|false|null|NaN|Infinity)/.test(t.slice(this.pos, this.pos + 8))) {
        this.fail(MSG_ROOT, this.pos);
      }
      this.unexpected(this.pos, `expected '{' (${MSG_ROOT})`);
    }
    const root = this.object();
    this.ws();
    if (this.pos < this.len) this.unexpected(this.pos, 'unexpected text after the end of the top-level object');
    return root;
  }

  /** Skips JSON5 white space and comments. */
  private ws(): void {
    const t = this.t;
    const len = this.len;
    let p = this.pos;
    while (p < len) {
      const c = t.charCodeAt(p);
      if (c === SPACE || c === LF || c === CR || c === TAB) {
        p++;
        continue;
      }
      if (c === SLASH) {
        const n = t.charCodeAt(p + 1);
        if (n === SLASH) {
          p += 2;
          while (p < len) {
            const d = t.charCodeAt(p);
            if (d === LF || d === CR || d === 0x2028 || d === 0x2029) break;
            p++;
          }
          continue;
        }
        if (n === STAR) {
          const e = t.indexOf('*/', p + 2);
          if (e < 0) this.fail("unterminated comment: '/*' is never closed with '*/'", p);
          p = e + 2;
          continue;
        }
        this.fail("'/' is not valid here (comments start with // or /*)", p);
      }
      if (c < 128) {
        if (c === VT || c === FF) {
          p++;
          continue;
        }
        break;
      }
      if (isUnicodeSpace(c)) {
        p++;
        continue;
      }
      break;
    }
    this.pos = p;
  }

  private object(): Json5ObjectNode {
    const t = this.t;
    const start = this.pos++;
    if (++this.depth > MAX_DEPTH) this.fail('the file is nested too deeply', start);
    const members: Json5Member[] = [];
    const value: Record<string, unknown> = {};
    this.ws();
    let c = t.charCodeAt(this.pos);
    while (c !== RBRACE) {
      const ks = this.pos;
      let key: string;
      let keyQuote: Quote | '' = '';
      if (c === DQUOTE || c === SQUOTE) {
        key = this.string(c);
        keyQuote = c === DQUOTE ? '"' : "'";
      } else {
        key = this.identifier(start);
      }
      const keyEnd = this.pos;
      this.ws();
      if (t.charCodeAt(this.pos) !== COLON) {
        if (this.pos >= this.len) this.notClosed(start, '}');
        this.unexpected(this.pos, `expected ':' after the key ${JSON.stringify(key)}`);
      }
      this.pos++;
      this.ws();
      const v = this.value(start, '}');
      this.ws();
      c = t.charCodeAt(this.pos);
      let comma = -1;
      if (c === COMMA) {
        comma = this.pos++;
        this.ws();
        c = t.charCodeAt(this.pos);
      } else if (c !== RBRACE) {
        this.afterValue(start, '}');
      }
      members.push({ start: ks, key, keyEnd, keyQuote, value: v, comma });
      if (key === '__proto__') {
        Object.defineProperty(value, key, { value: v.value, writable: true, enumerable: true, configurable: true });
      } else {
        value[key] = v.value;
      }
      if (comma < 0) break;
    }
    this.pos++;
    this.depth--;
    return { type: 'object', start, end: this.pos, members, value };
  }

  private array(): Json5ArrayNode {
    const t = this.t;
    const start = this.pos++;
    if (++this.depth > MAX_DEPTH) this.fail('the file is nested too deeply', start);
    const items: Json5Entry[] = [];
    const value: unknown[] = [];
    this.ws();
    let c = t.charCodeAt(this.pos);
    while (c !== RBRACKET) {
      const v = this.value(start, ']');
      this.ws();
      c = t.charCodeAt(this.pos);
      let comma = -1;
      if (c === COMMA) {
        comma = this.pos++;
        this.ws();
        c = t.charCodeAt(this.pos);
      } else if (c !== RBRACKET) {
        this.afterValue(start, ']');
      }
      items.push({ start: v.start, value: v, comma });
      value.push(v.value);
      if (comma < 0) break;
    }
    this.pos++;
    this.depth--;
    return { type: 'array', start, end: this.pos, items, value };
  }

  /** Error after a value that is followed by neither ',' nor the closing bracket. */
  private afterValue(open: number, close: string): never {
    const p = this.pos;
    if (p >= this.len) this.notClosed(open, close);
    const c = this.t.charCodeAt(p);
    const startsSomething =
      c === DQUOTE || c === SQUOTE || c === LBRACE || c === LBRACKET || isDigit(c) || (c < 128 ? ID_START[c] === 1 : isIdStart(this.t.codePointAt(p) ?? 0));
    this.unexpected(p, `expected ',' or '${close}' after the value${startsSomething ? ' (missing comma?)' : ''}`);
  }

  private identifier(open: number): string {
    const t = this.t;
    const s = this.pos;
    let p = s;
    let c = t.charCodeAt(p);
    if (c < 128 && ID_START[c] === 1) {
      p++;
      for (;;) {
        c = t.charCodeAt(p);
        if (c < 128 && ID_PART[c] === 1) p++;
        else break;
      }
      if (c !== BACKSLASH && !(c >= 128)) {
        this.pos = p;
        return t.slice(s, p);
      }
    } else if (c !== BACKSLASH && !(c >= 128)) {
      this.keyError(p, open);
    }
    return this.identifierSlow(s, open);
  }

  private identifierSlow(s: number, open: number): string {
    const t = this.t;
    let p = s;
    let out = '';
    for (;;) {
      const first = p === s;
      const cp = t.codePointAt(p);
      if (cp === BACKSLASH) {
        if (t.charCodeAt(p + 1) !== 117) this.fail('invalid escape in a key name: only \\uXXXX escapes are allowed', p);
        if (t.charCodeAt(p + 2) === LBRACE) this.fail(MSG_U_BRACE, p);
        const h = hexN(t, p + 2, 4);
        if (h < 0) this.fail('invalid escape \\u: it needs exactly four hex digits (\\uXXXX)', p);
        if (!(first ? isIdStart(h) : isIdPart(h))) this.fail('this \\uXXXX escape is not a letter allowed in an unquoted key', p);
        out += String.fromCharCode(h);
        p += 6;
        continue;
      }
      if (cp === undefined || !(first ? isIdStart(cp) : isIdPart(cp))) {
        if (first) this.keyError(p, open);
        break;
      }
      p += cp > 0xffff ? 2 : 1;
      out += String.fromCodePoint(cp);
    }
    this.pos = p;
    return out;
  }

  private keyError(p: number, open: number): never {
    if (p >= this.len) this.notClosed(open, '}');
    const c = this.t.charCodeAt(p);
    if (isDigit(c) || c === MINUS || c === PLUS || c === DOT) {
      this.fail(`a key cannot start with ${describeAt(this.t, p)}: put the key in quotes`, p);
    }
    this.unexpected(p, "expected a key or '}'");
  }

  private value(open: number, close: string): Json5Node {
    const t = this.t;
    const p = this.pos;
    const c = t.charCodeAt(p);
    switch (c) {
      case LBRACE:
        return this.object();
      case LBRACKET:
        return this.array();
      case DQUOTE:
      case SQUOTE: {
        const s = this.string(c);
        return { type: 'string', start: p, end: this.pos, value: s, quote: c === DQUOTE ? '"' : "'" };
      }
      case 116: // t
        if (t.startsWith('true', p)) return this.literal(p, 4, 'boolean', true);
        break;
      case 102: // f
        if (t.startsWith('false', p)) return this.literal(p, 5, 'boolean', false);
        break;
      case 110: // n
        if (t.startsWith('null', p)) return this.literal(p, 4, 'null', null);
        break;
      case 73: // I
      case 78: // N
      case MINUS:
      case PLUS:
      case DOT:
        return this.number();
      default:
        if (isDigit(c)) return this.number();
    }
    return this.badValue(p, open, close);
  }

  private literal(p: number, n: number, type: 'boolean' | 'null', value: boolean | null): Json5ScalarNode {
    const e = p + n;
    const c = this.t.charCodeAt(e);
    if ((c < 128 && ID_PART[c] === 1) || c >= 128) {
      const cp = this.t.codePointAt(e) ?? 0;
      if (c < 128 || isIdPart(cp)) this.badValue(p, -1, '');
    }
    this.pos = e;
    return { type, start: p, end: e, value, quote: '' };
  }

  private badValue(p: number, open: number, close: string): never {
    const t = this.t;
    if (p >= this.len && open >= 0) this.notClosed(open, close);
    const c = t.charCodeAt(p);
    if (c < 128 ? ID_PART[c] === 1 : isIdStart(t.codePointAt(p) ?? 0)) {
      let e = p;
      while (e < this.len && e - p < 40) {
        const d = t.charCodeAt(e);
        if (d < 128 ? ID_PART[d] === 1 || d === MINUS || d === DOT : !isUnicodeSpace(d) && !isLineTerm(d)) e++;
        else break;
      }
      this.fail(`unquoted text '${t.slice(p, e)}' is not a valid value (put strings in quotes)`, p);
    }
    this.unexpected(p, 'expected a value');
  }

  private number(): Json5ScalarNode {
    const t = this.t;
    const start = this.pos;
    let p = start;
    let c = t.charCodeAt(p);
    let neg = false;
    if (c === MINUS || c === PLUS) {
      neg = c === MINUS;
      c = t.charCodeAt(++p);
    }
    let v: number;
    if (c === 73) {
      if (!t.startsWith('Infinity', p)) this.badValue(p, -1, '');
      p += 8;
      v = Infinity;
    } else if (c === 78) {
      if (!t.startsWith('NaN', p)) this.badValue(p, -1, '');
      p += 3;
      v = NaN;
    } else {
      const ns = p;
      let simple = true;
      let digits = 0;
      let iv = 0;
      if (c === ZERO) {
        c = t.charCodeAt(++p);
        if (c === 120 || c === 88) {
          const hs = ++p;
          while (hexVal(t.charCodeAt(p)) >= 0) p++;
          if (p === hs) this.fail("invalid number: '0x' must be followed by hex digits", p);
          v = Number(t.slice(ns, p));
          return this.numberEnd(start, p, neg ? -v : v);
        }
        if (isDigit(c)) this.fail('invalid number: leading zeros are not allowed', p);
      } else if (isDigit(c)) {
        do {
          iv = iv * 10 + (c - ZERO);
          digits++;
          c = t.charCodeAt(++p);
        } while (isDigit(c));
      } else if (c === DOT) {
        if (!isDigit(t.charCodeAt(p + 1))) this.fail('invalid number: a digit must follow the decimal point', p + 1);
      } else {
        this.unexpected(p, 'invalid number: expected a digit');
      }
      if (c === DOT) {
        simple = false;
        c = t.charCodeAt(++p);
        while (isDigit(c)) c = t.charCodeAt(++p);
      }
      if (c === 101 || c === 69) {
        simple = false;
        c = t.charCodeAt(++p);
        if (c === PLUS || c === MINUS) c = t.charCodeAt(++p);
        if (!isDigit(c)) this.fail('invalid number: the exponent needs digits', p);
        while (isDigit(c)) c = t.charCodeAt(++p);
      }
      v = simple && digits <= 15 ? iv : Number(t.slice(ns, p));
    }
    return this.numberEnd(start, p, neg ? -v : v);
  }

  private numberEnd(start: number, p: number, v: number): Json5ScalarNode {
    const c = this.t.charCodeAt(p);
    if (c < 128 ? ID_PART[c] === 1 : c >= 128 && isIdPart(this.t.codePointAt(p) ?? 0)) {
      this.fail(`invalid number: unexpected ${describeAt(this.t, p)}`, p);
    }
    this.pos = p;
    return { type: 'number', start, end: p, value: v, quote: '' };
  }

  /** Reads a quoted string starting at this.pos (the quote); returns its value. */
  private string(q: number): string {
    const t = this.t;
    const s = this.pos + 1;
    let p = s;
    for (;;) {
      const c = t.charCodeAt(p);
      if (c === q) {
        this.pos = p + 1;
        return t.slice(s, p);
      }
      if (c === BACKSLASH) return this.stringSlow(q, s, p);
      if (c === LF || c === CR) this.stringBreak(q, p);
      if (c !== c) this.fail(`unterminated string: missing the closing ${String.fromCharCode(q)}`, s - 1);
      p++;
    }
  }

  private stringBreak(q: number, p: number): never {
    const qs = String.fromCharCode(q);
    this.fail(`line break inside a string: close the string with ${qs} (or escape the line break with \\)`, p);
  }

  private stringSlow(q: number, s: number, p: number): string {
    const t = this.t;
    let out = '';
    let seg = s;
    for (;;) {
      const c = t.charCodeAt(p);
      if (c === q) {
        this.pos = p + 1;
        return out + t.slice(seg, p);
      }
      if (c === BACKSLASH) {
        out += t.slice(seg, p);
        const e = t.charCodeAt(p + 1);
        let n = p + 2;
        switch (e) {
          case 98:
            out += '\b';
            break;
          case 102:
            out += '\f';
            break;
          case 110:
            out += '\n';
            break;
          case 114:
            out += '\r';
            break;
          case 116:
            out += '\t';
            break;
          case 118:
            out += '\v';
            break;
          case ZERO:
            if (isDigit(t.charCodeAt(n))) this.fail('invalid escape \\0 followed by a digit: JSON5 does not allow octal escapes', p);
            out += '\0';
            break;
          case 120: {
            const h = hexN(t, n, 2);
            if (h < 0) this.fail('invalid escape \\x: it needs exactly two hex digits (\\xFF)', p);
            out += String.fromCharCode(h);
            n += 2;
            break;
          }
          case 117: {
            if (t.charCodeAt(n) === LBRACE) this.fail(MSG_U_BRACE, p);
            const h = hexN(t, n, 4);
            if (h < 0) this.fail('invalid escape \\u: it needs exactly four hex digits (\\uXXXX)', p);
            out += String.fromCharCode(h);
            n += 4;
            break;
          }
          case CR:
            if (t.charCodeAt(n) === LF) n++;
            break;
          case LF:
          case 0x2028:
          case 0x2029:
            break;
          default:
            if (e !== e) this.fail(`unterminated string: missing the closing ${String.fromCharCode(q)}`, s - 1);
            if (e >= 49 && e <= 57) this.fail(`invalid escape \\${String.fromCharCode(e)}: JSON5 does not allow octal escapes`, p);
            out += t[p + 1];
        }
        p = n;
        seg = n;
        continue;
      }
      if (c === LF || c === CR) this.stringBreak(q, p);
      if (c !== c) this.fail(`unterminated string: missing the closing ${String.fromCharCode(q)}`, s - 1);
      p++;
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Document and style
// ---------------------------------------------------------------------------------------------------------------

interface Style {
  eol: '\n' | '\r\n';
  indentUnit: string;
  quote: Quote;
  keyQuote: Quote;
  unquotedKeys: boolean;
  sep: string;
  trailingCommas: boolean;
  inlineArrays: boolean;
}

class Doc implements Json5Document {
  readonly text: string;
  readonly root: Json5ObjectNode;
  private styleCache: Style | undefined;

  constructor(text: string, root: Json5ObjectNode) {
    this.text = text;
    this.root = root;
  }

  get value(): Record<string, unknown> {
    return this.root.value;
  }
  get eol(): '\n' | '\r\n' {
    return this.style().eol;
  }
  get indentUnit(): string {
    return this.style().indentUnit;
  }
  get quote(): Quote {
    return this.style().quote;
  }

  /** Layout conventions learned from the file (computed on first use). */
  style(): Style {
    return (this.styleCache ??= computeStyle(this.text, this.root));
  }
}

export function parseDocument(text: string): Json5Document {
  return parseDoc(text);
}

function parseDoc(text: string): Doc {
  return new Doc(text, new Parser(text).parseRoot());
}

function toDoc(doc: Json5Document): Doc {
  return doc instanceof Doc ? doc : parseDoc(doc.text);
}

function hasLineBreak(t: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = t.charCodeAt(i);
    if (c === LF || c === CR) return true;
  }
  return false;
}

function lineStartOf(t: string, p: number): number {
  while (p > 0 && !isLineTerm(t.charCodeAt(p - 1))) p--;
  return p;
}

/** Leading spaces/tabs of the line containing p. */
function lineIndent(t: string, p: number): string {
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
function isIndent(t: string, a: number, b: number): boolean {
  for (let i = a; i < b; i++) {
    const c = t.charCodeAt(i);
    if (c !== SPACE && c !== TAB) return false;
  }
  return true;
}

/** Indentation of the entry's line when the entry starts its line, else undefined. */
function ownLineIndent(t: string, start: number): string | undefined {
  const ls = lineStartOf(t, start);
  return isIndent(t, ls, start) ? t.slice(ls, start) : undefined;
}

function separatorOf(t: string, m: Json5Member): string {
  const a = m.keyEnd;
  const b = m.value.start;
  const n = b - a;
  if (n === 1) return ':';
  if (n === 2) return t.charCodeAt(a) === COLON && t.charCodeAt(a + 1) === SPACE ? ': ' : '';
  if (n === 3) return t.charCodeAt(a) === SPACE && t.charCodeAt(a + 1) === COLON && t.charCodeAt(a + 2) === SPACE ? ' : ' : '';
  return '';
}

function isScalar(v: unknown): boolean {
  return v === null || typeof v !== 'object';
}

const STYLE_SAMPLE_LIMIT = 20000;

function computeStyle(t: string, root: Json5ObjectNode): Style {
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

// ---------------------------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------------------------

function step(cur: unknown, seg: PathSegment): { ok: boolean; value: unknown } {
  if (Array.isArray(cur)) {
    if (typeof seg !== 'number' || !Number.isInteger(seg) || seg < 0 || seg >= cur.length) return { ok: false, value: undefined };
    return { ok: true, value: cur[seg] };
  }
  if (cur !== null && typeof cur === 'object') {
    const k = String(seg);
    if (!Object.hasOwn(cur, k)) return { ok: false, value: undefined };
    return { ok: true, value: (cur as Record<string, unknown>)[k] };
  }
  return { ok: false, value: undefined };
}

/** Value at path (shared with the document: do not mutate), undefined when absent. */
export function getAt(doc: Json5Document, path: JsonPath): unknown {
  let cur: unknown = doc.value;
  for (const seg of path) {
    const s = step(cur, seg);
    if (!s.ok) return undefined;
    cur = s.value;
  }
  return cur;
}

export function hasPath(doc: Json5Document, path: JsonPath): boolean {
  let cur: unknown = doc.value;
  for (const seg of path) {
    const s = step(cur, seg);
    if (!s.ok) return false;
    cur = s.value;
  }
  return true;
}

/** 1-based line/column (and offset) where the value at path starts; undefined when absent. */
export function positionOf(doc: Json5Document, path: JsonPath): { line: number; column: number; offset: number } | undefined {
  const d = toDoc(doc);
  const node = nodeAt(d, path);
  if (node === undefined) return undefined;
  return { ...positionAt(d.text, node.start), offset: node.start };
}

function lastMember(obj: Json5ObjectNode, key: string): Json5Member | undefined {
  const ms = obj.members;
  for (let i = ms.length - 1; i >= 0; i--) if (ms[i]!.key === key) return ms[i];
  return undefined;
}

function lastMemberIndex(obj: Json5ObjectNode, key: string): number {
  const ms = obj.members;
  for (let i = ms.length - 1; i >= 0; i--) if (ms[i]!.key === key) return i;
  return -1;
}

function pathText(path: JsonPath): string {
  if (path.length === 0) return '(top level)';
  return path.map((s) => (typeof s === 'number' ? `[${s}]` : RE_IDENT.test(s) ? `.${s}` : `[${JSON.stringify(s)}]`)).join('').replace(/^\./, '');
}

// ---------------------------------------------------------------------------------------------------------------
// Formatting fresh values
// ---------------------------------------------------------------------------------------------------------------

interface KeyStyle {
  unquoted: boolean;
  quote: Quote;
  sep: string;
}

function toJsonValue(v: unknown): unknown {
  if (v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON === 'function') {
    return (v as { toJSON: () => unknown }).toJSON();
  }
  return v;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Quotes and escapes `s` for JSON5 with quote char q. */
function quoteString(s: string, q: Quote): string {
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

function keyText(key: string, ks: KeyStyle): string {
  return ks.unquoted && RE_IDENT.test(key) ? key : quoteString(key, ks.quote);
}

function docKeyStyle(doc: Doc): KeyStyle {
  const st = doc.style();
  return { unquoted: st.unquotedKeys, quote: st.keyQuote, sep: st.sep };
}

/** Key style of an object's existing members (doc style for an empty object). */
function memberKeyStyle(doc: Doc, obj: Json5ObjectNode): KeyStyle {
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

function fmt(doc: Doc, value: unknown, indent: string, inline: boolean, ks: KeyStyle, depth: number): string {
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

// ---------------------------------------------------------------------------------------------------------------
// Text edits
// ---------------------------------------------------------------------------------------------------------------

interface Edit {
  start: number;
  end: number;
  text: string;
}

function applyTextEdits(t: string, edits: Edit[]): string {
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

/** End of what belongs to an entry's line after `p`: horizontal space and comments, stopping before a line break. */
function tailEnd(t: string, p: number): number {
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

function afterLineBreak(t: string, p: number): number {
  const c = t.charCodeAt(p);
  if (c === CR && t.charCodeAt(p + 1) === LF) return p + 2;
  return isLineTerm(c) ? p + 1 : p;
}

/**
 * In [from, to) (white space and comments only), where the last comment ends: `end` is right after
 * its text, `cut` also takes a `//` comment's line break (where a following entry's own lines start).
 * Both are `from` when there is no comment.
 */
function lastComment(t: string, from: number, to: number): { end: number; cut: number } {
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

function isBlank(t: string, a: number, b: number): boolean {
  for (let i = a; i < b; i++) {
    const c = t.charCodeAt(i);
    if (!(c === SPACE || c === LF || c === CR || c === TAB || c === VT || c === FF || isUnicodeSpace(c))) return false;
  }
  return true;
}

function entriesOf(c: Json5ObjectNode | Json5ArrayNode): readonly Json5Entry[] {
  return c.type === 'object' ? c.members : c.items;
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
    if (trailing) edits.push({ start: last.comma + 1, end: last.comma + 1, text: parts.map((p) => ' ' + p + ',').join('') });
    else edits.push({ start: last.value.end, end: last.value.end, text: parts.map((p) => ', ' + p).join('') });
    return;
  }
  const indent = entryIndent(doc, c);
  const parts = make(indent, false);
  if (!trailing) edits.push({ start: last.value.end, end: last.value.end, text: ',' });
  const anchor = tailEnd(t, trailing ? last.comma + 1 : last.value.end);
  const text = parts.map((p, i) => eol + indent + p + (trailing || i < parts.length - 1 ? ',' : '')).join('');
  edits.push({ start: anchor, end: anchor, text });
}

function planInsertMembers(doc: Doc, obj: Json5ObjectNode, entries: readonly (readonly [string, unknown])[], edits: Edit[]): void {
  const ks = memberKeyStyle(doc, obj);
  planAppend(doc, obj, (indent, inline) => entries.map(([k, v]) => keyText(k, ks) + ks.sep + fmt(doc, v, indent, inline, ks, 0)), edits);
}

function arrayLayout(doc: Doc, arr: Json5ArrayNode): { inline: boolean; indent: string } {
  if (!hasLineBreak(doc.text, arr.start, arr.end)) return { inline: true, indent: lineIndent(doc.text, arr.start) };
  return { inline: false, indent: entryIndent(doc, arr) };
}

function planInsertItems(doc: Doc, arr: Json5ArrayNode, index: number, values: readonly unknown[], inlineCtx: boolean, edits: Edit[]): void {
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
function planDelete(doc: Doc, c: Json5ObjectNode | Json5ArrayNode, index: number, edits: Edit[]): void {
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

// ---------------------------------------------------------------------------------------------------------------
// Edit planning
// ---------------------------------------------------------------------------------------------------------------

type Structural =
  | { kind: 'delete'; path: PathSegment[] }
  | { kind: 'insert'; path: PathSegment[]; entries: [string, unknown][] };

/**
 * Does the file's node hold `v`? Compares against the node tree (whose scalars were captured at parse time), so a
 * caller that mutated objects obtained from `getAt` cannot make a changed value look unchanged.
 */
function nodeEquals(node: Json5Node, value: unknown): boolean {
  const v = toJsonValue(value);
  if (node.type === 'object') {
    if (!isPlainObject(v)) return false;
    const last = new Map<string, Json5Node>();
    for (const m of node.members) last.set(m.key, m.value);
    let n = 0;
    for (const k of Object.keys(v)) {
      if (v[k] === undefined) continue;
      n++;
      const child = last.get(k);
      if (child === undefined || !nodeEquals(child, v[k])) return false;
    }
    return n === last.size;
  }
  if (node.type === 'array') {
    if (!Array.isArray(v) || v.length !== node.items.length) return false;
    for (let i = 0; i < v.length; i++) if (!nodeEquals(node.items[i]!.value, v[i])) return false;
    return true;
  }
  return Object.is(node.value, v);
}

/** Value equality for verification (0 and -0 differ, NaN equals NaN). */
function sameValue(fileValue: unknown, v: unknown): boolean {
  v = toJsonValue(v);
  if (isScalar(fileValue) || isScalar(v)) return Object.is(fileValue, v);
  if (Array.isArray(fileValue)) {
    if (!Array.isArray(v) || v.length !== fileValue.length) return false;
    for (let i = 0; i < v.length; i++) if (!sameValue(fileValue[i], v[i])) return false;
    return true;
  }
  if (Array.isArray(v)) return false;
  const a = fileValue as Record<string, unknown>;
  const b = v as Record<string, unknown>;
  const bk = Object.keys(b).filter((k) => b[k] !== undefined);
  if (bk.length !== Object.keys(a).length) return false;
  for (const k of bk) if (!Object.hasOwn(a, k) || !sameValue(a[k], b[k])) return false;
  return true;
}

function isSingleLine(t: string, c: Json5ObjectNode | Json5ArrayNode | null): boolean {
  return c !== null && !hasLineBreak(t, c.start, c.end);
}

/**
 * Collects the edits turning `node` (at `path`, inside container `parent`) into `value`: in-place splices go to
 * `edits`; member/element removals (and inserts into objects that also lose members) go to `structural`, applied
 * one at a time afterwards on the re-parsed text.
 */
function diffInto(
  doc: Doc,
  node: Json5Node,
  parent: Json5ObjectNode | Json5ArrayNode | null,
  path: PathSegment[],
  value: unknown,
  edits: Edit[],
  structural: Structural[],
  depth: number,
): void {
  if (depth > MAX_DEPTH) throw new Error('the value is nested too deeply (circular reference?)');
  const v = toJsonValue(value);
  const t = doc.text;
  if (node.type === 'object' && isPlainObject(v)) {
    const last = new Map<string, Json5Member>();
    for (const m of node.members) last.set(m.key, m);
    const deletes: string[] = [];
    for (const [k, m] of last) {
      if (v[k] === undefined || !Object.hasOwn(v, k)) deletes.push(k);
      else diffInto(doc, m.value, node, [...path, k], v[k], edits, structural, depth + 1);
    }
    const inserts: [string, unknown][] = [];
    for (const k of Object.keys(v)) if (v[k] !== undefined && !last.has(k)) inserts.push([k, v[k]]);
    if (deletes.length > 0) {
      for (const k of deletes) structural.push({ kind: 'delete', path: [...path, k] });
      if (inserts.length > 0) structural.push({ kind: 'insert', path, entries: inserts });
    } else if (inserts.length > 0) {
      planInsertMembers(doc, node, inserts, edits);
    }
    return;
  }
  if (node.type === 'array' && Array.isArray(v)) {
    const items = node.items;
    const m = items.length;
    const k = v.length;
    if (m === k) {
      for (let i = 0; i < m; i++) diffInto(doc, items[i]!.value, node, [...path, i], v[i], edits, structural, depth + 1);
      return;
    }
    let p = 0;
    while (p < m && p < k && nodeEquals(items[p]!.value, v[p])) p++;
    let s = 0;
    while (s < m - p && s < k - p && nodeEquals(items[m - 1 - s]!.value, v[k - 1 - s])) s++;
    if (p + s === m) {
      planInsertItems(doc, node, p, v.slice(p, k - s), isSingleLine(t, parent), edits);
      return;
    }
    if (p + s === k) {
      for (let i = m - s - 1; i >= p; i--) structural.push({ kind: 'delete', path: [...path, i] });
      return;
    }
    const { inline, indent } = arrayLayout(doc, node);
    const ks = docKeyStyle(doc);
    const texts = v.slice(p, k - s).map((x) => fmt(doc, x, indent, inline, ks, 0));
    const sep = inline ? ', ' : ',' + doc.style().eol + indent;
    edits.push({ start: items[p]!.start, end: items[m - s - 1]!.value.end, text: texts.join(sep) });
    return;
  }
  if (node.type !== 'object' && node.type !== 'array' && Object.is(node.value, v)) return;
  let text: string;
  if (node.type === 'string' && typeof v === 'string') {
    text = quoteString(v, node.quote === "'" ? "'" : '"');
  } else {
    const ks = parent?.type === 'object' ? memberKeyStyle(doc, parent) : docKeyStyle(doc);
    text = fmt(doc, v, lineIndent(t, node.start), isSingleLine(t, parent), ks, 0);
  }
  edits.push({ start: node.start, end: node.end, text });
}

function wrap(path: JsonPath, from: number, value: unknown): unknown {
  let v = value;
  for (let i = path.length - 1; i >= from; i--) v = { [String(path[i])]: v };
  return v;
}

function badIndex(path: JsonPath, i: number, len: number): Error {
  return new Error(`cannot set ${pathText(path)}: ${JSON.stringify(path[i])} is not an index of ${pathText(path.slice(0, i))} (length ${len})`);
}

/** New text for setAt (not yet verified). */
function setText(doc: Doc, path: JsonPath, value: unknown): string {
  if (value === undefined) return deleteText(doc, path);
  const t = doc.text;
  let node: Json5Node = doc.root;
  let parent: Json5ObjectNode | Json5ArrayNode | null = null;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i]!;
    if (node.type === 'object') {
      const m = lastMember(node, String(seg));
      if (m === undefined) {
        const edits: Edit[] = [];
        planInsertMembers(doc, node, [[String(seg), wrap(path, i + 1, value)]], edits);
        return applyTextEdits(t, edits);
      }
      parent = node;
      node = m.value;
    } else if (node.type === 'array') {
      const len: number = node.items.length;
      if (typeof seg !== 'number' || !Number.isInteger(seg) || seg < 0 || seg > len) throw badIndex(path, i, len);
      if (seg === len) {
        const edits: Edit[] = [];
        planInsertItems(doc, node, len, [wrap(path, i + 1, value)], isSingleLine(t, parent), edits);
        return applyTextEdits(t, edits);
      }
      parent = node;
      node = node.items[seg]!.value;
    } else {
      throw new Error(`cannot set ${pathText(path)}: ${pathText(path.slice(0, i))} is a ${node.type}, not an object or array`);
    }
  }
  if (path.length === 0 && !isPlainObject(toJsonValue(value))) throw new Error(`cannot set the top level: ${MSG_ROOT}`);
  const edits: Edit[] = [];
  const structural: Structural[] = [];
  diffInto(doc, node, parent, [...path], value, edits, structural, 0);
  let text = applyTextEdits(t, edits);
  for (const op of structural) {
    const d = parseDoc(text);
    if (op.kind === 'delete') {
      text = deleteText(d, op.path);
    } else {
      const target = nodeAt(d, op.path);
      if (target?.type !== 'object') throw new Error('internal error: insert target vanished');
      const e: Edit[] = [];
      planInsertMembers(d, target, op.entries, e);
      text = applyTextEdits(text, e);
    }
  }
  return text;
}

function nodeAt(doc: Doc, path: JsonPath): Json5Node | undefined {
  let node: Json5Node = doc.root;
  for (const seg of path) {
    if (node.type === 'object') {
      const m = lastMember(node, String(seg));
      if (m === undefined) return undefined;
      node = m.value;
    } else if (node.type === 'array') {
      if (typeof seg !== 'number' || !Number.isInteger(seg) || seg < 0 || seg >= node.items.length) return undefined;
      node = node.items[seg]!.value;
    } else {
      return undefined;
    }
  }
  return node;
}

/** New text for deleteAt (not yet verified); all duplicates of a key go. */
function deleteText(doc: Doc, path: JsonPath): string {
  if (path.length === 0) throw new Error('cannot delete the top-level object');
  const container = nodeAt(doc, path.slice(0, -1));
  const seg = path[path.length - 1]!;
  let index = -1;
  if (container?.type === 'object') {
    index = lastMemberIndex(container, String(seg));
  } else if (container?.type === 'array') {
    if (typeof seg === 'number' && Number.isInteger(seg) && seg >= 0 && seg < container.items.length) index = seg;
  }
  if (container === undefined || index < 0 || (container.type !== 'object' && container.type !== 'array')) return doc.text;
  const edits: Edit[] = [];
  planDelete(doc, container, index, edits);
  const text = applyTextEdits(doc.text, edits);
  if (container.type === 'object' && container.members.some((m, i) => i !== index && m.key === String(seg))) {
    return deleteText(parseDoc(text), path); // an earlier duplicate of the key would now show through
  }
  return text;
}

function verified(doc: Doc, text: string, check: (d: Doc) => boolean): Doc {
  if (text === doc.text) return doc;
  let d: Doc;
  try {
    d = parseDoc(text);
  } catch (e) {
    throw new Error(`internal error: the edit would produce invalid JSON5 (${(e as Error).message}); nothing was changed`, { cause: e });
  }
  if (!check(d)) throw new Error('internal error: the edit did not produce the requested value; nothing was changed');
  return d;
}

/** What a successful delete looks like: the key is gone, or the array is one element shorter. */
function deletedCheck(doc: Doc, path: JsonPath): (d: Doc) => boolean {
  const parentPath = path.slice(0, -1);
  const parent = getAt(doc, parentPath);
  if (Array.isArray(parent)) {
    const n = parent.length;
    return (d) => {
      const p = getAt(d, parentPath);
      return Array.isArray(p) && p.length === n - 1;
    };
  }
  return (d) => !hasPath(d, path);
}

function setDoc(doc: Doc, path: JsonPath, value: unknown): Doc {
  const text = setText(doc, path, value);
  if (value === undefined) return verified(doc, text, deletedCheck(doc, path));
  return verified(doc, text, (d) => hasPath(d, path) && sameValue(getAt(d, path), value));
}

function deleteDoc(doc: Doc, path: JsonPath): Doc {
  return verified(doc, deleteText(doc, path), deletedCheck(doc, path));
}

/**
 * Set the value at path (creating missing parent objects; array index == length appends). Returns NEW TEXT.
 * Only the bytes of the replaced value (or the inserted member) change. `undefined` deletes.
 * Throws an Error for a path through a scalar, an array index past the end, or an unwritable value (NaN, ±Infinity,
 * functions, …).
 */
export function setAt(doc: Json5Document, path: JsonPath, value: unknown): string {
  return setDoc(toDoc(doc), path, value).text;
}

/** Remove the member/array element at path. Returns new text; unchanged text if absent. */
export function deleteAt(doc: Json5Document, path: JsonPath): string {
  return deleteDoc(toDoc(doc), path).text;
}

/** Apply several operations in order. Throws Json5SyntaxError when `text` does not parse. */
export function applyEdits(text: string, ops: readonly EditOp[]): string {
  let doc = parseDoc(text);
  for (const op of ops) doc = op.op === 'set' ? setDoc(doc, op.path, op.value) : deleteDoc(doc, op.path);
  return doc.text;
}
