import { structuredPatch } from 'diff';
import fc from 'fast-check';
import JSON5 from 'json5';
import { describe, expect, it } from 'vitest';
import {
  Json5SyntaxError,
  applyEdits,
  deleteAt,
  formatValue,
  getAt,
  hasPath,
  parseDocument,
  positionOf,
  setAt,
  type Json5ArrayNode,
  type Json5Document,
  type Json5Entry,
  type Json5Member,
  type Json5Node,
  type Json5ObjectNode,
  type JsonPath,
  type PathSegment,
} from '../../../../src/main/core/openclaw/json5-document';

import {
  hasSharedCorpus,
  noteSharedCorpus,
  ownInvalidConfigs,
  ownRealConfigs,
  realConfigs,
  sharedInvalidConfigs,
  sharedRealConfigs,
  sharedSkipReason,
} from '../../../helpers/corpus';

// Our own corpus always; the shared one (beside the repository) too when it is there.
const real = realConfigs().map((f) => ({ ...f, label: `${f.corpus}/${f.name}` }));
/** Property-test runs (raise locally with JSON5_DOC_RUNS=20000 to hunt for bugs). */
const runs = (n: number): number => Number(process.env.JSON5_DOC_RUNS) || n;

// ---------------------------------------------------------------------------------------------------------------
// helpers
// ---------------------------------------------------------------------------------------------------------------

function child(node: Json5Node, seg: PathSegment): Json5Node | undefined {
  if (node.type === 'object') {
    const ms: Json5Member[] = node.members.filter((m) => m.key === String(seg));
    return ms[ms.length - 1]?.value;
  }
  if (node.type === 'array') return typeof seg === 'number' ? node.items[seg]?.value : undefined;
  return undefined;
}

function nodeAt(doc: Json5Document, p: JsonPath): Json5Node | undefined {
  let node: Json5Node | undefined = doc.root;
  for (const seg of p) {
    node = node && child(node, seg);
  }
  return node;
}

function entries(c: Json5ObjectNode | Json5ArrayNode): readonly Json5Entry[] {
  return c.type === 'object' ? c.members : c.items;
}

/** Plain-object reference implementation of set (creating parents) and delete. */
function refSet(root: unknown, p: JsonPath, value: unknown): unknown {
  const out = structuredClone(root);
  let cur = out as Record<string, unknown> | unknown[];
  for (let i = 0; i < p.length - 1; i++) {
    const seg = p[i]!;
    if (Array.isArray(cur)) cur = cur[seg as number] as Record<string, unknown>;
    else {
      if (!Object.hasOwn(cur, String(seg))) cur[String(seg)] = {};
      cur = cur[String(seg)] as Record<string, unknown>;
    }
  }
  const last = p[p.length - 1]!;
  if (Array.isArray(cur)) cur[last as number] = structuredClone(value);
  else cur[String(last)] = structuredClone(value);
  return out;
}

function refDelete(root: unknown, p: JsonPath): unknown {
  const out = structuredClone(root);
  let cur = out as Record<string, unknown> | unknown[];
  for (let i = 0; i < p.length - 1; i++) cur = (cur as Record<string, unknown>)[String(p[i])] as Record<string, unknown>;
  const last = p[p.length - 1]!;
  if (Array.isArray(cur)) cur.splice(last as number, 1);
  else delete cur[String(last)];
  return out;
}

function lines(t: string): string[] {
  return t.split(/(?<=\n)/);
}

/** Indexes of lines that differ, for texts with the same number of lines. */
function changedLines(a: string, b: string): number[] {
  const la = lines(a);
  const lb = lines(b);
  expect(lb.length).toBe(la.length);
  return la.flatMap((l, i) => (l === lb[i] ? [] : [i]));
}

function lineNo(t: string, offset: number): number {
  let n = 0;
  for (let i = 0; i < offset; i++) if (t.charCodeAt(i) === 10) n++;
  return n;
}

/** The result is original[0, lo) + anything + original[hi, end). */
function expectOnlyChanged(original: string, result: string, lo: number, hi: number): void {
  const head = original.slice(0, lo);
  const tail = original.slice(hi);
  if (!result.startsWith(head) || !result.endsWith(tail) || result.length < head.length + tail.length) {
    throw new Error(`bytes outside [${lo}, ${hi}) changed\n--- original:\n${original}\n--- result:\n${result}`);
  }
}

function scalarLeaves(node: Json5Node, p: PathSegment[], out: { path: PathSegment[]; node: Json5Node }[]): typeof out {
  if (node.type === 'object') for (const m of node.members) scalarLeaves(m.value, [...p, m.key], out);
  else if (node.type === 'array') node.items.forEach((it, i) => scalarLeaves(it.value, [...p, i], out));
  else out.push({ path: p, node });
  return out;
}

function changedScalar(v: unknown): unknown {
  if (typeof v === 'string') return `${v}-edited`;
  if (typeof v === 'number') return Number.isInteger(v) ? v + 1 : 42;
  if (typeof v === 'boolean') return !v;
  return 'was null';
}

const PROVIDER = {
  baseUrl: 'http://127.0.0.1:1234/v1',
  api: 'openai-completions',
  models: [{ id: 'qwen3:8b', name: 'Qwen3 8B' }],
};

// ---------------------------------------------------------------------------------------------------------------
// corpus
// ---------------------------------------------------------------------------------------------------------------

describe('real corpus', () => {
  noteSharedCorpus();

  it('has our 12 real and 2 invalid files', () => {
    expect(ownRealConfigs()).toHaveLength(12);
    expect(ownInvalidConfigs()).toHaveLength(2);
  });

  it.skipIf(!hasSharedCorpus)(`has the shared 38 real and 3 invalid files${hasSharedCorpus ? '' : ` (${sharedSkipReason})`}`, () => {
    expect(sharedRealConfigs()).toHaveLength(38);
    expect(sharedInvalidConfigs()).toHaveLength(3);
  });

  describe.each(real)('$label', ({ text }) => {
    const doc = parseDocument(text);
    const leaves = scalarLeaves(doc.root, [], []);

    it('parses to exactly what JSON5.parse returns', () => {
      expect(getAt(doc, [])).toEqual(JSON5.parse(text));
      expect(doc.value).toEqual(JSON5.parse(text));
      expect(doc.text).toBe(text);
    });

    it('no-op edits are byte-identical', () => {
      const leaf = leaves[0]!;
      expect(setAt(doc, leaf.path, leaf.node.value)).toBe(text);
      // Recursive no-op: the whole root set to an equal (but fresh) object.
      expect(setAt(doc, [], structuredClone(JSON5.parse(text)))).toBe(text);
      expect(applyEdits(text, [])).toBe(text);
      expect(deleteAt(doc, ['no', 'such', 'path'])).toBe(text);
    });

    it('replacing a nested scalar changes exactly one line', () => {
      const leaf =
        leaves.find((l) => l.path.length >= 2 && !/[\r\n]/.test(text.slice(l.node.start, l.node.end))) ??
        leaves.find((l) => !/[\r\n]/.test(text.slice(l.node.start, l.node.end)))!;
      const next = changedScalar(leaf.node.value);
      const out = applyEdits(text, [{ op: 'set', path: leaf.path, value: next }]);
      expect(JSON5.parse(out)).toEqual(refSet(JSON5.parse(text), leaf.path, next));
      expect(changedLines(text, out)).toEqual([lineNo(text, leaf.node.start)]);
      expectOnlyChanged(text, out, leaf.node.start, leaf.node.end);
      const patch = structuredPatch('a', 'b', text, out, '', '', { context: 0 });
      expect(patch.hunks).toHaveLength(1);
      expect(patch.hunks[0]!.oldLines).toBe(1);
      expect(patch.hunks[0]!.newLines).toBe(1);
    });

    it('inserts a provider next to its siblings and deleting it restores the file byte for byte', () => {
      const target = ['models', 'providers', 'warmclawtest'];
      // The first segment that does not exist yet is what gets created (and deleted again).
      let depth = 0;
      while (depth < target.length - 1 && hasPath(doc, target.slice(0, depth + 1))) depth++;
      const created = target.slice(0, depth + 1);
      const parent = nodeAt(doc, target.slice(0, depth)) as Json5ObjectNode;
      expect(parent.type).toBe('object');

      const out = applyEdits(text, [{ op: 'set', path: target, value: PROVIDER }]);
      const expected = refSet(JSON5.parse(text), target, PROVIDER);
      expect(JSON5.parse(out)).toEqual(expected);
      expect(parseDocument(out).value).toEqual(expected);
      expect(getAt(parseDocument(out), target)).toEqual(PROVIDER);

      // Only the parent object's interior changes, after its last member's value.
      const ms = parent.members;
      expectOnlyChanged(text, out, ms.length ? ms[ms.length - 1]!.value.end : parent.start + 1, parent.end - 1);

      // Line view: one hunk; at most one old line touched (the previous member gaining its comma).
      const patch = structuredPatch('a', 'b', text, out, '', '', { context: 0 });
      expect(patch.hunks).toHaveLength(1);
      const h = patch.hunks[0]!;
      expect(h.oldLines).toBeLessThanOrEqual(1);
      expect(h.oldStart).toBeGreaterThanOrEqual(lineNo(text, parent.start) + 1);
      expect(h.oldStart + Math.max(h.oldLines, 1) - 1).toBeLessThanOrEqual(lineNo(text, parent.end) + 1);
      if (h.oldLines === 1) {
        const removed = h.lines.filter((l) => l.startsWith('-')).map((l) => l.slice(1));
        const added = h.lines.filter((l) => l.startsWith('+')).map((l) => l.slice(1));
        expect(removed).toHaveLength(1);
        // Either a comma was added to the old last member's line, or an empty `{}` was opened up.
        expect(added[0] === removed[0]!.replace(/^(.*?)(\s*(\/\/.*)?)$/, '$1,$2') || /\{\s*\}/.test(removed[0]!)).toBe(true);
      }
      // New lines use the file's line ending and its indentation unit.
      const newPart = out.slice(ms.length ? ms[ms.length - 1]!.value.end : parent.start, out.length - (text.length - (parent.end - 1)));
      if (doc.eol === '\r\n') expect(newPart.replace(/\r\n/g, '')).not.toMatch(/\n/);
      else expect(newPart).not.toMatch(/\r/);
      expect(newPart).toContain(`${doc.eol}`);

      const back = applyEdits(out, [{ op: 'delete', path: created }]);
      expect(back).toBe(text);
    });

    it('set + insert + delete in one applyEdits call returns to the scalar edit only', () => {
      const leaf = leaves[leaves.length - 1]!;
      const next = changedScalar(leaf.node.value);
      const target = ['models', 'providers', 'warmclawtest'];
      let depth = 0;
      while (depth < target.length - 1 && hasPath(doc, target.slice(0, depth + 1))) depth++;
      const out = applyEdits(text, [
        { op: 'set', path: leaf.path, value: next },
        { op: 'set', path: target, value: PROVIDER },
        { op: 'delete', path: target.slice(0, depth + 1) },
      ]);
      expect(out).toBe(setAt(doc, leaf.path, next));
      expect(JSON5.parse(out)).toEqual(refSet(JSON5.parse(text), leaf.path, next));
    });
  });
});

function syntaxErrorOf(text: string): Json5SyntaxError {
  try {
    parseDocument(text);
  } catch (e) {
    expect(e).toBeInstanceOf(Json5SyntaxError);
    return e as Json5SyntaxError;
  }
  throw new Error('expected a Json5SyntaxError');
}

describe('invalid corpus (ours)', () => {
  const byName = (name: string) => ownInvalidConfigs().find((f) => f.name === name)!;

  it('# comments: line 1, column 1', () => {
    const e = syntaxErrorOf(byName('hash-comments.json').text);
    expect(e.message).toBe("'#' is not valid JSON5 (JSON5 comments use // or /* */)");
    expect([e.line, e.column, e.offset]).toEqual([1, 1, 0]);
  });

  it('\\u{…} escape: points at the backslash on line 13', () => {
    const { text } = byName('unicode-brace-escape.json5');
    const e = syntaxErrorOf(text);
    expect(e.message).toBe('invalid escape \\u{…}: JSON5 only allows \\uXXXX');
    expect(e.line).toBe(13);
    expect(text.split('\n')[12]).toBe('          emoji: "\\u{1F9F6}",');
    expect(e.column).toBe(19);
    expect(text.slice(e.offset, e.offset + 3)).toBe('\\u{');
  });
});

describe('UTF-16', () => {
  it('a UTF-16 file read as UTF-8: line 1, column 1', () => {
    const utf16 = Buffer.from('{\n  "agents": { "defaults": { "model": "openai/gpt-5" } }\n}\n', 'utf16le').toString('utf8');
    const e = syntaxErrorOf(utf16);
    expect(e.message).toBe('file is UTF-16 encoded; save it as UTF-8');
    expect([e.line, e.column]).toEqual([1, 1]);
  });

  it('UTF-16 with a BOM, big-endian, or mis-decoded', () => {
    const utf16le = Buffer.from('\uFEFF{"a": 1}\n', 'utf16le').toString('utf8');
    const be = Buffer.from('{"a": 1}\n', 'utf16le').swap16().toString('utf8');
    for (const t of [utf16le, be, '\uFFFE{}']) expect(syntaxErrorOf(t).message).toBe('file is UTF-16 encoded; save it as UTF-8');
    // A single NUL inside a string is valid JSON5, not UTF-16.
    expect(parseDocument('{a: "x\0y"}').value).toEqual({ a: 'x\0y' });
  });
});

describe.skipIf(!hasSharedCorpus)(`invalid corpus (shared)${hasSharedCorpus ? '' : ` (${sharedSkipReason})`}`, () => {
  const byName = (prefix: string) => sharedInvalidConfigs().find((f) => f.name.startsWith(prefix))!;

  it('# comments: line 1, column 1', () => {
    const e = syntaxErrorOf(byName('Lkk-Web').text);
    expect(e.message).toBe("'#' is not valid JSON5 (JSON5 comments use // or /* */)");
    expect([e.line, e.column, e.offset]).toEqual([1, 1, 0]);
  });

  it('\\u{…} escape: points at the backslash on line 117', () => {
    const { text } = byName('Pedrohgv');
    const e = syntaxErrorOf(text);
    expect(e.message).toBe('invalid escape \\u{…}: JSON5 only allows \\uXXXX');
    expect(e.line).toBe(117);
    expect(text.split('\n')[116]).toBe('          emoji: "\\u{1F915}",');
    expect(e.column).toBe(19);
    expect(text.slice(e.offset, e.offset + 3)).toBe('\\u{');
  });

  it('UTF-16 file read as UTF-8: line 1, column 1', () => {
    const e = syntaxErrorOf(byName('Hernashi').text);
    expect(e.message).toBe('file is UTF-16 encoded; save it as UTF-8');
    expect([e.line, e.column]).toEqual([1, 1]);
  });

});

// ---------------------------------------------------------------------------------------------------------------
// parser conformance
// ---------------------------------------------------------------------------------------------------------------

describe('parser', () => {
  const valid = [
    '{}',
    '{ a: 1, b: [1, 2,], c: { d: null, }, }',
    "{ 'single': 'it\\'s', \"double\": \"say \\\"hi\\\"\" }",
    '{ default: 1, class: 2, null: 3, true: 4, if: 5, new: 6, Infinity: 7, NaN: 8 }',
    '{ $include: "./x.json5", _a: 1, $: 2, a$b_c: 3, \\u0061b: 4, ümlaut: 5, \\u00fc: 6 }',
    '{ hex: 0x1F, HEX: 0XaB, neg: -0x10, lead: .5, trail: 5., exp: 1e3, exp2: 2.5E-3, exp3: 5.e2, plus: +1, pinf: +Infinity, ninf: -Infinity, nan: NaN, mnan: -NaN, zero: -0, big: 12345678901234567890, frac: 0.1 }',
    '{ s: "\\b\\f\\n\\r\\t\\v\\0\\x41\\u00e9\\uD83D\\uDE00\\a\\/\\\\\\\'" }',
    '{ cont: "line1\\\nline2\\\r\nline3\\\rline4\\\u2028x\\\u2029y" }',
    '{ ws:\u00A0\uFEFF\u2028\u2029\u000B\u000C\u3000\u2000 1 }',
    '\uFEFF// leading\n/* block */ { a: /* mid */ 1 // end\n} // after\n/* tail */',
    '{ a: "tab\tinside", "": "empty key", "a b": 1, "a": 2 }',
    '{ a: 1, a: 2, b: { a: 1 }, b: 3 }',
    '{ "__proto__": { polluted: true }, x: 1 }',
    '{ emoji: "😀", "😀": 1, cjk: "中文" }',
    '{\r\n  a: 1,\r\n  b: 2\r\n}',
  ];
  it.each(valid)('accepts %j exactly like JSON5.parse', (text) => {
    const doc = parseDocument(text);
    expect(doc.value).toEqual(JSON5.parse(text));
    expect(Object.keys(doc.value as object)).toEqual(Object.keys(JSON5.parse(text)));
  });

  it('keeps __proto__ as an own property (like JSON5.parse)', () => {
    const v = parseDocument('{ "__proto__": { polluted: true } }').value as Record<string, unknown>;
    expect(Object.hasOwn(v, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  const errors: [string, string, number, number, RegExp][] = [
    ['empty file', '', 1, 1, /empty/],
    ['only a comment', '// nothing\n', 2, 1, /empty/],
    ['array root', '// x\n[1, 2]', 2, 1, /^the top level must be an object \{ … \}$/],
    ['string root', '"x"', 1, 1, /^the top level must be an object/],
    ['number root', '  42', 1, 3, /^the top level must be an object/],
    ['hash after a value', '{\n  a: 1, # note\n}', 2, 9, /^'#' is not valid JSON5/],
    ['missing comma', '{\n  a: 1\n  b: 2\n}', 3, 3, /missing comma/],
    ['unclosed object', '{\n  a: {\n    b: 1\n', 4, 1, /line 2 is never closed/],
    ['unclosed string', '{ a: "abc\n}', 1, 10, /line break inside a string/],
    ['unterminated block comment', '{ a: 1 /* x }', 1, 8, /unterminated comment/],
    ['lone slash', '{ a: 1 / }', 1, 8, /comments start with/],
    ['unquoted value', '{ mode: merge }', 1, 9, /unquoted text 'merge'/],
    ['leading zero', '{ a: 01 }', 1, 7, /leading zeros/],
    ['numeric key', '{ 1a: 1 }', 1, 3, /put the key in quotes/],
    ['octal escape', '{ a: "\\1" }', 1, 7, /octal/],
    ['bad \\x escape', '{ a: "\\xZZ" }', 1, 7, /two hex digits/],
    ['bad \\u escape', "{ a: '\\u12' }", 1, 7, /four hex digits/],
    ['text after root', '{}\n{}', 2, 1, /after the end of the top-level object/],
    ['elision', '{ a: [1,,2] }', 1, 9, /expected a value/],
    ['colon missing', '{ a 1 }', 1, 5, /expected ':'/],
    ['BOM not counted as a column', '\uFEFF{ a: x }', 1, 6, /unquoted text 'x'/],
    ['CRLF lines', '{\r\n  a: 1,\r\n  b: ?\r\n}', 3, 6, /expected a value/],
    ['astral chars count once', '{ a: "😀", b: ? }', 1, 14, /expected a value/],
  ];
  it.each(errors)('rejects %s with line/column', (_name, text, line, column, message) => {
    let err: unknown;
    try {
      parseDocument(text);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(Json5SyntaxError);
    const e = err as Json5SyntaxError;
    expect(e.message).toMatch(message);
    expect([e.line, e.column]).toEqual([line, column]);
    // Everything except a non-object root is rejected by the reference parser too.
    if (!/top level must be an object/.test(e.message)) expect(() => JSON5.parse(text)).toThrow();
  });

  it('reports style: eol, indentUnit, quote', () => {
    expect(parseDocument('{\r\n\t"a": {\r\n\t\t"b": \'x\'\r\n\t}\r\n}').eol).toBe('\r\n');
    expect(parseDocument('{\r\n\t"a": {\r\n\t\t"b": 1\r\n\t}\r\n}').indentUnit).toBe('\t');
    expect(parseDocument('{\n    a: {\n        b: 1\n    }\n}').indentUnit).toBe('    ');
    expect(parseDocument('{a:1}').indentUnit).toBe('  ');
    expect(parseDocument("{ a: 'x', b: 'y', 'c': \"z\" }").quote).toBe("'");
    expect(parseDocument('{ "a": "x" }').quote).toBe('"');
    expect(parseDocument('{}').eol).toBe('\n');
  });

  it('positionOf gives 1-based line/column of a value', () => {
    const doc = parseDocument('\uFEFF{\n  a: {\n    b: [1, "x"]\n  }\n}');
    expect(positionOf(doc, ['a', 'b', 1])).toMatchObject({ line: 3, column: 12 });
    expect(positionOf(doc, [])).toMatchObject({ line: 1, column: 1 });
    expect(positionOf(doc, ['nope'])).toBeUndefined();
  });

  it('differential fuzz: random single-char damage parses (or fails) exactly like JSON5.parse', () => {
    const base = [
      "// c\n{\n  a: 1, 'b': [0x1F, .5, +2, -Infinity, NaN],\n  \"c\": { d: 'x\\'y', e: \"z\\u0041\" }, /* k */\n  f: [true, false, null,],\n}\n",
      '{"a":{"b":[1,2,{"c":"d"}]},"e":1.5e3,"f":"\\\\"}',
    ];
    const chars = ['{', '}', '[', ']', ':', ',', '"', "'", '\\', '/', '*', '\n', '\r', ' ', '#', 'x', '0', '1', '.', '+', '-', 'e', 'E', 'u', 'I', 'N', 't', '$', '_'];
    fc.assert(
      fc.property(
        fc.constantFrom(...base),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom('insert', 'delete', 'replace'), fc.constantFrom(...chars)), { minLength: 1, maxLength: 3 }),
        (text, muts) => {
          let t = text;
          for (const [at, kind, ch] of muts) {
            const i = at % (t.length + 1);
            if (kind === 'insert') t = t.slice(0, i) + ch + t.slice(i);
            else if (kind === 'delete') t = t.slice(0, i) + t.slice(i + 1);
            else t = t.slice(0, i) + ch + t.slice(i + 1);
          }
          let ref: unknown;
          let refOk = true;
          try {
            ref = JSON5.parse(t);
          } catch {
            refOk = false;
          }
          const isObj = refOk && ref !== null && typeof ref === 'object' && !Array.isArray(ref);
          if (isObj) expect(parseDocument(t).value).toEqual(ref);
          else expect(() => parseDocument(t)).toThrow(Json5SyntaxError);
        },
      ),
      { numRuns: runs(400) },
    );
  });
});

// ---------------------------------------------------------------------------------------------------------------
// editing edge cases
// ---------------------------------------------------------------------------------------------------------------

describe('editing', () => {
  const set = (text: string, p: JsonPath, v: unknown) => setAt(parseDocument(text), p, v);
  const del = (text: string, p: JsonPath) => deleteAt(parseDocument(text), p);

  it('empty root {} becomes multi-line and collapses back on delete', () => {
    // No keys to learn from: quoted keys (a strict-JSON file stays strict JSON).
    const out = set('{}', ['a'], 1);
    expect(out).toBe('{\n  "a": 1\n}');
    expect(del(out, ['a'])).toBe('{}');
    expect(set('{}\n', ['x', 'y'], 'z')).toBe('{\n  "x": {\n    "y": "z"\n  }\n}\n');
    // Unquoted keys elsewhere in the file: the empty object gets unquoted keys too.
    expect(set('{\n  a: {},\n  b: 1,\n}', ['a', 'k'], 1)).toBe('{\n  a: {\n    k: 1,\n  },\n  b: 1,\n}');
  });

  it('object with only comments inside: the member goes after the comments', () => {
    const text = '{\n  // nothing here yet\n  /* really */\n}\n';
    const out = set(text, ['a'], true);
    expect(out).toBe('{\n  // nothing here yet\n  /* really */\n  "a": true\n}\n');
    expect(del(out, ['a'])).toBe(text);
    expect(set('{ /* empty */ }', ['a'], 1)).toBe('{ /* empty */\n  "a": 1\n}');
  });

  it('comment after the last member on the same line: the comma goes after the value', () => {
    const text = '{\n  "a": 1 // note, with a comma\n}\n';
    const out = set(text, ['b'], 2);
    expect(out).toBe('{\n  "a": 1, // note, with a comma\n  "b": 2\n}\n');
    expect(del(out, ['b'])).toBe(text);
    const block = '{\n  "a": 1 /* c */\n}';
    expect(set(block, ['b'], 2)).toBe('{\n  "a": 1, /* c */\n  "b": 2\n}');
  });

  it('trailing-comma style is kept for the new member', () => {
    const text = '{\n  a: 1,\n  b: { c: 2 },\n}\n';
    const out = set(text, ['d'], 'x');
    expect(out).toBe('{\n  a: 1,\n  b: { c: 2 },\n  d: "x",\n}\n');
    expect(del(out, ['d'])).toBe(text);
  });

  it('CRLF file: inserted lines use CRLF', () => {
    const text = '{\r\n  "a": {\r\n    "b": 1\r\n  }\r\n}\r\n';
    const out = set(text, ['a', 'c'], { d: [1, 2] });
    expect(out).toBe('{\r\n  "a": {\r\n    "b": 1,\r\n    "c": {\r\n      "d": [\r\n        1,\r\n        2\r\n      ]\r\n    }\r\n  }\r\n}\r\n');
    expect(out.replace(/\r\n/g, '')).not.toMatch(/\n/);
    expect(del(out, ['a', 'c'])).toBe(text);
  });

  it('tab-indented file: inserted lines use tabs', () => {
    const text = '{\n\t"a": {\n\t\t"b": 1\n\t}\n}';
    expect(parseDocument(text).indentUnit).toBe('\t');
    expect(set(text, ['a', 'c'], { d: 1 })).toBe('{\n\t"a": {\n\t\t"b": 1,\n\t\t"c": {\n\t\t\t"d": 1\n\t\t}\n\t}\n}');
    expect(set(text, ['e'], {})).toBe('{\n\t"a": {\n\t\t"b": 1\n\t},\n\t"e": {}\n}');
  });

  it('reserved-word keys stay unquoted and can be read, set and inserted', () => {
    const text = '{\n  default: true,\n  list: [{ id: "a", default: false }],\n}\n';
    const doc = parseDocument(text);
    expect(getAt(doc, ['default'])).toBe(true);
    expect(setAt(doc, ['default'], false)).toBe('{\n  default: false,\n  list: [{ id: "a", default: false }],\n}\n');
    expect(setAt(doc, ['class'], 1)).toBe('{\n  default: true,\n  list: [{ id: "a", default: false }],\n  class: 1,\n}\n');
    expect(setAt(doc, ['list', 0, 'default'], true)).toBe('{\n  default: true,\n  list: [{ id: "a", default: true }],\n}\n');
  });

  it('key style follows siblings: quoted siblings, non-identifier keys, single quotes, separators', () => {
    expect(set('{\n  "a": 1\n}', ['b'], 2)).toBe('{\n  "a": 1,\n  "b": 2\n}');
    expect(set('{\n  a: 1\n}', ['b-c'], 2)).toBe('{\n  a: 1,\n  "b-c": 2\n}');
    expect(set("{\n  'a': 'x'\n}", ['b'], "it's")).toBe("{\n  'a': 'x',\n  'b': 'it\\'s'\n}");
    expect(set('{\n  "a":1\n}', ['b'], 2)).toBe('{\n  "a":1,\n  "b":2\n}');
    expect(set('{\n  a : 1\n}', ['b'], 2)).toBe('{\n  a : 1,\n  b : 2\n}');
  });

  it('$include and ${ENV} strings are untouched by nearby edits', () => {
    const text = '{\n  agents: { "$include": "./agents.json5" },\n  env: { KEY: "${OPENAI_API_KEY}" },\n  logging: { level: "info" }\n}\n';
    const out = set(text, ['logging', 'level'], 'debug');
    expect(out).toBe(text.replace('"info"', '"debug"'));
    const out2 = set(text, ['env', 'OTHER'], '${OTHER}');
    expect(out2).toBe(text.replace('KEY: "${OPENAI_API_KEY}" }', 'KEY: "${OPENAI_API_KEY}", OTHER: "${OTHER}" }'));
  });

  it('BOM and missing final newline are kept', () => {
    const text = '\uFEFF{\n  "a": 1\n}';
    const out = set(text, ['b'], 2);
    expect(out).toBe('\uFEFF{\n  "a": 1,\n  "b": 2\n}');
    expect(del(out, ['b'])).toBe(text);
  });

  it('whitespace-only lines and comments before/after the root survive', () => {
    const text = '// head\n{\n  a: 1,\n    \n\t\n  b: 2\n}\n// tail';
    expect(set(text, ['b'], 3)).toBe('// head\n{\n  a: 1,\n    \n\t\n  b: 3\n}\n// tail');
    expect(set(text, ['c'], 3)).toBe('// head\n{\n  a: 1,\n    \n\t\n  b: 2,\n  c: 3\n}\n// tail');
  });

  it('replaced strings keep their quote char and are escaped for it', () => {
    expect(set("{ a: 'x' }", ['a'], 'it\'s "ok"\n')).toBe("{ a: 'it\\'s \"ok\"\\n' }");
    expect(set('{ a: "x" }', ['a'], 'it\'s "ok"\u2028\\')).toBe('{ a: "it\'s \\"ok\\"\\u2028\\\\" }');
    expect(JSON5.parse(set('{ a: "x" }', ['a'], '\0\x01\ud800'))).toEqual({ a: '\0\x01\ud800' });
  });

  it('single-line objects and arrays stay single-line', () => {
    expect(set('{ a: { x: 1 } }', ['a', 'y'], [1, 'two'])).toBe('{ a: { x: 1, y: [1, "two"] } }');
    expect(set('{ a: { x: 1, } }', ['a', 'y'], { z: true })).toBe('{ a: { x: 1, y: { z: true }, } }');
    expect(set('{ a: [1, 2] }', ['a'], [1, 2, 3])).toBe('{ a: [1, 2, 3] }');
    expect(set('{ a: [1, 2] }', ['a', 2], 3)).toBe('{ a: [1, 2, 3] }');
    expect(set('{ a: [1, 2, 3] }', ['a'], [1, 9, 8, 3])).toBe('{ a: [1, 9, 8, 3] }');
    expect(set('{ a: [1, 2, 3] }', ['a'], [3])).toBe('{ a: [3] }');
    expect(del('{ a: { x: 1, y: 2 } }', ['a', 'y'])).toBe('{ a: { x: 1 } }');
    expect(del('{ a: { x: 1, y: 2 } }', ['a', 'x'])).toBe('{ a: { y: 2 } }');
    expect(del('{ a: { x: 1 } }', ['a', 'x'])).toBe('{ a: {} }');
  });

  it('multi-line arrays: appends keep comments between items; rewrites keep one item per line', () => {
    const text = '{\n  list: [\n    "a", // first\n    // about b\n    "b"\n  ]\n}\n';
    expect(set(text, ['list'], ['a', 'b', 'c'])).toBe('{\n  list: [\n    "a", // first\n    // about b\n    "b",\n    "c"\n  ]\n}\n');
    expect(set(text, ['list'], ['z', 'a', 'b'])).toBe('{\n  list: [\n    "z",\n    "a", // first\n    // about b\n    "b"\n  ]\n}\n');
    expect(set(text, ['list'], ['a', 'x', 'y'])).toBe('{\n  list: [\n    "a", // first\n    // about b\n    "x",\n    "y"\n  ]\n}\n');
    expect(set(text, ['list'], ['b'])).toBe('{\n  list: [\n    // about b\n    "b"\n  ]\n}\n');
    // A comment line above a removed item stays (comments are never dropped by a delete of an own-line item).
    expect(set(text, ['list'], ['a'])).toBe('{\n  list: [\n    "a" // first\n    // about b\n  ]\n}\n');
    expect(set(text, ['list'], [])).toBe('{\n  list: [\n    // about b\n  ]\n}\n');
    expect(set('{\n  list: [\n    "a",\n    "b"\n  ]\n}\n', ['list'], [])).toBe('{\n  list: []\n}\n');
    expect(del('{\n  list: [\n    "a",\n    "b"\n  ]\n}\n', ['list', 0])).toBe('{\n  list: [\n    "b"\n  ]\n}\n');
  });

  it('replacing an object recursively keeps comments, order and untouched members', () => {
    const text = [
      '{',
      '  models: {',
      '    // the local box',
      '    providers: {',
      '      ollama: {',
      '        baseUrl: "http://127.0.0.1:11434", // LAN',
      '        /* keep */ api: "ollama",',
      '        old: 1,',
      '        models: [{ id: "a" }],',
      '      },',
      '    },',
      '  },',
      '}',
      '',
    ].join('\n');
    const next = { providers: { ollama: { api: 'ollama', baseUrl: 'http://10.0.0.2:11434', models: [{ id: 'a' }, { id: 'b' }], extra: true } } };
    const out = set(text, ['models'], next);
    expect(out).toBe(
      [
        '{',
        '  models: {',
        '    // the local box',
        '    providers: {',
        '      ollama: {',
        '        baseUrl: "http://10.0.0.2:11434", // LAN',
        '        /* keep */ api: "ollama",',
        '        models: [{ id: "a" }, { id: "b" }],',
        '        extra: true,',
        '      },',
        '    },',
        '  },',
        '}',
        '',
      ].join('\n'),
    );
    expect(JSON5.parse(out)).toEqual(next.providers ? { models: next } : {});
  });

  it('type changes format the new value at the member indentation', () => {
    expect(set('{\n  a: {\n    b: "x"\n  }\n}', ['a', 'b'], { c: [{ d: 1 }] })).toBe('{\n  a: {\n    b: {\n      c: [\n        {\n          d: 1\n        }\n      ]\n    }\n  }\n}');
    expect(set('{\n  a: {\n    b: { c: 1 }\n  }\n}', ['a', 'b'], null)).toBe('{\n  a: {\n    b: null\n  }\n}');
  });

  it('numbers: integers as is, -0 kept, non-finite rejected', () => {
    expect(set('{ a: 0x10 }', ['a'], 16)).toBe('{ a: 0x10 }');
    expect(set('{ a: 1 }', ['a'], 12345678901)).toBe('{ a: 12345678901 }');
    expect(set('{ a: 1 }', ['a'], 0.1)).toBe('{ a: 0.1 }');
    expect(set('{ a: 1 }', ['a'], -0)).toBe('{ a: -0 }');
    expect(() => set('{ a: 1 }', ['a'], NaN)).toThrow(/finite/);
    expect(() => set('{ a: 1 }', ['b'], { c: Infinity })).toThrow(/finite/);
    expect(() => set('{ a: 1 }', ['b'], () => 1)).toThrow(/function/);
    expect(() => set('{ a: 1 }', ['b'], 10n)).toThrow(/bigint/);
  });

  it('paths: missing parents are created, bad paths throw, undefined deletes', () => {
    expect(set('{\n  a: 1\n}', ['x', 'y', 'z'], 1)).toBe('{\n  a: 1,\n  x: {\n    y: {\n      z: 1\n    }\n  }\n}');
    expect(() => set('{ a: 1 }', ['a', 'b'], 1)).toThrow(/a is a number/);
    expect(() => set('{ a: [1] }', ['a', 5], 1)).toThrow(/index/);
    expect(() => set('{ a: [1] }', ['a', 'x'], 1)).toThrow(/index/);
    expect(() => set('{ a: 1 }', [], [1])).toThrow(/top level/);
    expect(() => deleteAt(parseDocument('{}'), [])).toThrow(/top-level/);
    expect(set('{\n  a: 1,\n  b: 2\n}', ['b'], undefined)).toBe('{\n  a: 1\n}');
    expect(del('{ a: [1, 2] }', ['a', 7])).toBe('{ a: [1, 2] }');
    expect(del('{ a: "s" }', ['a', 'b'])).toBe('{ a: "s" }');
  });

  it('duplicate keys: the last one is read and edited; delete removes them all', () => {
    const text = '{\n  a: 1,\n  a: 2\n}';
    const doc = parseDocument(text);
    expect(getAt(doc, ['a'])).toBe(2);
    expect(setAt(doc, ['a'], 3)).toBe('{\n  a: 1,\n  a: 3\n}');
    expect(deleteAt(doc, ['a'])).toBe('{}');
  });

  it('deleting members keeps the file style', () => {
    const text = '{\n  a: 1, // one\n  b: 2, // two\n  c: 3 // three\n}\n';
    expect(del(text, ['a'])).toBe('{\n  b: 2, // two\n  c: 3 // three\n}\n');
    expect(del(text, ['b'])).toBe('{\n  a: 1, // one\n  c: 3 // three\n}\n');
    expect(del(text, ['c'])).toBe('{\n  a: 1, // one\n  b: 2 // two\n}\n');
    expect(del('{\n  a: 1,\n  b: 2,\n}', ['b'])).toBe('{\n  a: 1,\n}');
    expect(del('{\n  a: {\n    x: 1\n  },\n  b: 2\n}', ['a'])).toBe('{\n  b: 2\n}');
    expect(del('{ a: 1, // c\n  b: 2 }', ['b'])).toBe('{ a: 1 // c\n }');
  });

  it('formatValue renders in the document style at a depth', () => {
    const doc = parseDocument("{\n\ta: 'x',\n\tb: [\n\t\t1,\n\t],\n}");
    expect(formatValue(doc, { k: ['v'], 'a-b': null }, 1)).toBe("{\n\t\tk: [\n\t\t\t'v',\n\t\t],\n\t\t'a-b': null,\n\t}");
    expect(formatValue(parseDocument('{ "a": ["x", "y"] }'), { k: ['v', 1] }, 0)).toBe('{\n  "k": ["v", 1]\n}');
    expect(formatValue(doc, [], 0)).toBe('[]');
    expect(formatValue(doc, { d: new Date(0) }, 0)).toBe("{\n\td: '1970-01-01T00:00:00.000Z',\n}");
  });

  it('is not fooled by callers that mutated objects obtained from getAt', () => {
    const doc = parseDocument('{\n  list: [\n    { id: "a" },\n  ],\n}\n');
    const list = getAt(doc, ['list']) as { id: string }[];
    list[0]!.id = 'b';
    list.push({ id: 'c' });
    const out = setAt(doc, ['list'], list);
    expect(JSON5.parse(out)).toEqual({ list: [{ id: 'b' }, { id: 'c' }] });
    expect(out).toBe('{\n  list: [\n    {\n      id: "b",\n    },\n    {\n      id: "c",\n    },\n  ],\n}\n');
  });

  it('applyEdits applies operations in order', () => {
    const out = applyEdits('{\n  a: 1\n}', [
      { op: 'set', path: ['b'], value: [1] },
      { op: 'set', path: ['b', 1], value: 2 },
      { op: 'delete', path: ['a'] },
    ]);
    expect(out).toBe('{\n  b: [\n    1,\n    2\n  ]\n}');
    expect(() => applyEdits('{ a: ', [])).toThrow(Json5SyntaxError);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// properties
// ---------------------------------------------------------------------------------------------------------------

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const KEYS = ['a', 'b', 'default', 'class', 'null', 'true', '$include', '_x', 'baseUrl', 'x1', 'a-b', 'with space', "it's", 'say "hi"', '', '1abc', 'ünï', 'back\\slash'];
const keyArb = fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 6 }).filter((k) => k !== '__proto__'));
const stringArb = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.constantFrom('${OPENAI_API_KEY}', "it's", '"q"', '\\', '\u2028\u2029', 'a\r\nb', '// not a comment', '/* nor this */', '#'),
);
const scalarArb: fc.Arbitrary<Json> = fc.oneof(
  stringArb,
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
);
const { value: valueArb, object: objectArb } = fc.letrec<{ value: Json; object: { [k: string]: Json } }>((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalarArb, fc.array(tie('value'), { maxLength: 4 }), tie('object')),
  object: fc
    .uniqueArray(fc.tuple(keyArb, tie('value')), { selector: (e) => e[0], maxLength: 5 })
    .map((es) => Object.fromEntries(es) as { [k: string]: Json }),
}));

interface RenderStyle {
  eol: '\n' | '\r\n';
  indent: string;
  quote: '"' | "'";
  unquoted: boolean;
  trailing: boolean;
  comments: boolean;
  bom: boolean;
  finalNewline: boolean;
  sep: string;
  inline: boolean;
  seed: number;
}

const styleArb: fc.Arbitrary<RenderStyle> = fc.record({
  eol: fc.constantFrom('\n' as const, '\r\n' as const),
  indent: fc.constantFrom('\t', '  ', '    '),
  quote: fc.constantFrom('"' as const, "'" as const),
  unquoted: fc.boolean(),
  trailing: fc.boolean(),
  comments: fc.boolean(),
  bom: fc.boolean(),
  finalNewline: fc.boolean(),
  sep: fc.constantFrom(': ', ':', ' : '),
  inline: fc.boolean(),
  seed: fc.integer(),
});

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Independent JSON5 writer with random layout (the code under test is not used here). */
function render(root: Json, s: RenderStyle): string {
  const rnd = prng(s.seed);
  const eol = s.eol;
  const str = (x: string): string => {
    const body = JSON.stringify(x)
      .slice(1, -1)
      .replace(/\u2028/g, '\\u2028')
      .replace(/\u2029/g, '\\u2029');
    return s.quote === '"' ? `"${body}"` : `'${body.replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
  };
  const key = (k: string): string => (s.unquoted && /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(k) ? k : str(k));
  const num = (n: number): string => {
    if (Object.is(n, -0)) return '-0';
    const r = rnd();
    if (Number.isSafeInteger(n) && n >= 0 && r < 0.15) return `0x${n.toString(16)}`;
    if (n > 0 && r > 0.9) return `+${n}`;
    return String(n);
  };
  const comment = (): string => {
    const r = rnd();
    return r < 0.4 ? '// note: "quoted", { braces } and ${ENV}' : r < 0.7 ? '/* block // inside */' : `/* multi${eol}   line */`;
  };
  const scalar = (v: Json): string => (v === null ? 'null' : typeof v === 'string' ? str(v) : typeof v === 'number' ? num(v) : String(v));
  const isScalar = (v: Json) => v === null || typeof v !== 'object';

  const val = (v: Json, ind: string): string => {
    if (isScalar(v)) return scalar(v);
    const isArr = Array.isArray(v);
    const [o, c] = isArr ? ['[', ']'] : ['{', '}'];
    const list: [string | null, Json][] = isArr ? v.map((x) => [null, x]) : Object.entries(v);
    const entry = ([k, x]: [string | null, Json], inner: string) => (k === null ? '' : key(k) + s.sep) + val(x, inner);
    if (list.length === 0) {
      const r = rnd();
      if (s.comments && r < 0.2) return `${o} /* empty */ ${c}`;
      if (s.comments && r < 0.4) return `${o}${eol}${ind}${s.indent}// nothing yet${eol}${ind}${c}`;
      return r < 0.6 ? `${o} ${c}` : `${o}${c}`;
    }
    if (s.inline && list.every(([, x]) => isScalar(x)) && rnd() < 0.5) {
      const body = list.map((e) => entry(e, ind)).join(', ');
      const tr = s.trailing && rnd() < 0.5 ? ',' : '';
      return isArr ? `[${body}${tr}]` : `{ ${body}${tr} }`;
    }
    const inner = ind + s.indent;
    let out = o + eol;
    list.forEach((e, i) => {
      const last = i === list.length - 1;
      if (s.comments && rnd() < 0.25) out += inner + comment() + eol;
      if (rnd() < 0.1) out += (rnd() < 0.5 ? '' : inner) + eol; // blank or whitespace-only line
      out += inner + entry(e, inner);
      const comma = !last || s.trailing;
      if (s.comments && rnd() < 0.15) out += ' /* c */';
      if (comma) out += ',';
      if (s.comments && rnd() < 0.3) out += rnd() < 0.5 ? ' // trailing note' : ' /* trailing */';
      out += eol;
    });
    return out + ind + c;
  };
  let text = s.bom ? '\uFEFF' : '';
  if (s.comments && rnd() < 0.5) text += '// header comment' + eol;
  text += val(root, '');
  if (s.comments && rnd() < 0.3) text += ' // after the root';
  if (s.finalNewline) text += eol;
  return text;
}

type Op =
  | { kind: 'set' | 'mutate' | 'delete'; path: PathSegment[] }
  | { kind: 'insert' | 'insertDeep'; container: PathSegment[]; key: string }
  | { kind: 'append'; container: PathSegment[] };

function allPaths(v: Json, p: PathSegment[], out: { path: PathSegment[]; value: Json }[]): typeof out {
  out.push({ path: p, value: v });
  if (Array.isArray(v)) v.forEach((x, i) => allPaths(x, [...p, i], out));
  else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) allPaths(x, [...p, k], out);
  return out;
}

function mutate(v: Json, fresh: Json, rnd: () => number): Json {
  if (Array.isArray(v)) {
    const r = rnd();
    const a = [...v];
    if (r < 0.3 || a.length === 0) a.push(fresh);
    else if (r < 0.55) a.splice(Math.floor(rnd() * a.length), 1);
    else if (r < 0.7) a.splice(Math.floor(rnd() * a.length), 0, fresh);
    else {
      const i = Math.floor(rnd() * a.length);
      a[i] = mutate(a[i]!, fresh, rnd);
    }
    return a;
  }
  if (v !== null && typeof v === 'object') {
    const o = { ...v };
    const ks = Object.keys(o);
    const r = rnd();
    if (r < 0.3 || ks.length === 0) o[`new${Math.floor(rnd() * 1000)}`] = fresh;
    else if (r < 0.55) delete o[ks[Math.floor(rnd() * ks.length)]!];
    else {
      const k = ks[Math.floor(rnd() * ks.length)]!;
      o[k] = mutate(o[k]!, fresh, rnd);
    }
    return o;
  }
  return fresh;
}

describe('properties', () => {
  it('renders parse to the rendered value (and to what JSON5.parse returns)', () => {
    fc.assert(
      fc.property(objectArb, styleArb, (value, style) => {
        const text = render(value, style);
        expect(JSON5.parse(text)).toEqual(value); // the renderer itself is sound
        const doc = parseDocument(text);
        expect(doc.value).toEqual(value);
        expect(doc.text).toBe(text);
        if (text.includes('\n')) expect(doc.eol).toBe(style.eol);
      }),
      { numRuns: runs(200) },
    );
  });

  it('random set/delete: result parses to the expected value and only the edited region changes', () => {
    fc.assert(
      fc.property(
        objectArb,
        styleArb,
        valueArb,
        fc.constantFrom('set', 'mutate', 'delete', 'insert', 'insertDeep', 'append'),
        fc.nat(),
        fc.integer(),
        (value, style, fresh, kind, pick, mseed) => {
          const text = render(value, style);
          const doc = parseDocument(text);
          const paths = allPaths(value, [], []);
          const existing = paths.filter((p) => p.path.length > 0);
          const objects = paths.filter((p) => p.value !== null && typeof p.value === 'object' && !Array.isArray(p.value));
          const arrays = paths.filter((p) => Array.isArray(p.value));

          let op: Op;
          if ((kind === 'set' || kind === 'delete') && existing.length) op = { kind, path: existing[pick % existing.length]!.path };
          else if (kind === 'mutate') op = { kind, path: paths[pick % paths.length]!.path };
          else if (kind === 'append' && arrays.length) op = { kind, container: arrays[pick % arrays.length]!.path };
          else {
            const o = objects[pick % objects.length]!;
            const taken = Object.keys(o.value as object);
            const key = [...KEYS, 'zz'].find((k) => !taken.includes(k)) ?? 'fresh-key';
            op = { kind: kind === 'insertDeep' ? 'insertDeep' : 'insert', container: o.path, key };
          }

          let out: string;
          let expected: unknown;
          let lo: number;
          let hi: number;
          let undo: JsonPath | undefined;
          if (op.kind === 'set' || op.kind === 'mutate') {
            const next = op.kind === 'set' ? fresh : mutate(getAt(doc, op.path) as Json, fresh, prng(mseed));
            out = setAt(doc, op.path, next);
            expected = op.path.length ? refSet(value, op.path, next) : next;
            const node = nodeAt(doc, op.path)!;
            [lo, hi] = [node.start, node.end];
          } else if (op.kind === 'delete') {
            out = deleteAt(doc, op.path);
            expected = refDelete(value, op.path);
            const c = nodeAt(doc, op.path.slice(0, -1)) as Json5ObjectNode | Json5ArrayNode;
            const es = entries(c);
            const i = c.type === 'array' ? (op.path[op.path.length - 1] as number) : c.members.findIndex((m) => m.key === op.path[op.path.length - 1]);
            lo = i > 0 ? es[i - 1]!.value.end : c.start + 1;
            hi = i < es.length - 1 ? es[i + 1]!.start : c.end - 1;
          } else {
            const ins = op as Extract<Op, { container: PathSegment[] }>;
            const c = nodeAt(doc, ins.container) as Json5ObjectNode | Json5ArrayNode;
            const es = entries(c);
            let p: PathSegment[];
            if (ins.kind === 'append') {
              p = [...ins.container, es.length];
              lo = es.length ? es[es.length - 1]!.value.end : c.start;
              hi = es.length ? c.end - 1 : c.end;
            } else {
              p = ins.kind === 'insertDeep' ? [...ins.container, ins.key, 'inner'] : [...ins.container, ins.key];
              lo = es.length ? es[es.length - 1]!.value.end : c.start + 1;
              hi = c.end - 1;
            }
            out = setAt(doc, p, fresh);
            expected = refSet(value, p, fresh);
            if (es.length) undo = p.slice(0, ins.container.length + 1);
          }

          expect(JSON5.parse(out)).toEqual(expected);
          const after = parseDocument(out);
          expect(after.value).toEqual(expected);
          expectOnlyChanged(text, out, lo, hi);
          // (A file without any line break has no line ending to follow: LF is the default.)
          if (style.eol === '\r\n' && text.includes('\n')) expect(out.replace(/\r\n/g, '')).not.toMatch(/\n/);
          else expect(out).not.toMatch(/\r/);
          if (style.bom) expect(out.startsWith('\uFEFF')).toBe(true);
          // Inserting into a non-empty container and deleting it again gives back the exact original.
          if (undo) expect(deleteAt(after, undo)).toBe(text);
        },
      ),
      { numRuns: runs(300) },
    );
  });
});
