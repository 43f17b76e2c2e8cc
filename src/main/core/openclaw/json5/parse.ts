// The parser: one hand-written pass over the text that builds the node tree (with source offsets) and the
// plain value, deep-equal to JSON5.parse. Errors name what was expected and where, in plain words.
import {
  BACKSLASH, COLON, COMMA, CR, DOT, DQUOTE, FF, HASH, ID_PART, ID_START, LBRACE, LBRACKET, LF, MINUS, PLUS, RBRACE,
  RBRACKET, SLASH, SPACE, SQUOTE, STAR, TAB, VT, ZERO, hexN, hexVal, isDigit, isIdPart, isIdStart, isLineTerm, isUnicodeSpace,
} from './chars';
import { lineOf, syntaxError } from './position';
import { Json5SyntaxError, MAX_DEPTH, MSG_ROOT, type Json5ArrayNode, type Json5Entry, type Json5Member, type Json5Node, type Json5ObjectNode, type Json5ScalarNode, type Quote } from './types';

const MSG_HASH = "'#' is not valid JSON5 (JSON5 comments use // or /* */)";
const MSG_U_BRACE = 'invalid escape \\u{…}: JSON5 only allows \\uXXXX';
const MSG_UTF16 = 'file is UTF-16 encoded; save it as UTF-8';

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

export class Parser {
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
