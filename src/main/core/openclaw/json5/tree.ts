// A parsed document (text + node tree + learned style) and reading it by path.
import { RE_IDENT } from './chars';
import { Parser } from './parse';
import { positionAt } from './position';
import { computeStyle, type Style } from './style';
import type { Json5ArrayNode, Json5Document, Json5Entry, Json5Member, Json5Node, Json5ObjectNode, JsonPath, PathSegment, Quote } from './types';

export class Doc implements Json5Document {
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

/**
 * The last document parsed, for as long as something else still holds it. An edit parses the same text
 * more than once (the writer reads the file, then `applyEdits` gets its text), and a tree costs ~14
 * times the text's size; reusing it is safe because a Doc is never changed.
 */
let lastParsed: WeakRef<Doc> | undefined;

export function parseDoc(text: string): Doc {
  const last = lastParsed?.deref();
  if (last !== undefined && last.text === text) return last;
  const doc = new Doc(text, new Parser(text).parseRoot());
  lastParsed = new WeakRef(doc);
  return doc;
}

export function toDoc(doc: Json5Document): Doc {
  return doc instanceof Doc ? doc : parseDoc(doc.text);
}

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

export function lastMember(obj: Json5ObjectNode, key: string): Json5Member | undefined {
  const ms = obj.members;
  for (let i = ms.length - 1; i >= 0; i--) if (ms[i]!.key === key) return ms[i];
  return undefined;
}

export function lastMemberIndex(obj: Json5ObjectNode, key: string): number {
  const ms = obj.members;
  for (let i = ms.length - 1; i >= 0; i--) if (ms[i]!.key === key) return i;
  return -1;
}

export function pathText(path: JsonPath): string {
  if (path.length === 0) return '(top level)';
  return path.map((s) => (typeof s === 'number' ? `[${s}]` : RE_IDENT.test(s) ? `.${s}` : `[${JSON.stringify(s)}]`)).join('').replace(/^\./, '');
}

export function nodeAt(doc: Doc, path: JsonPath): Json5Node | undefined {
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


export function entriesOf(c: Json5ObjectNode | Json5ArrayNode): readonly Json5Entry[] {
  return c.type === 'object' ? c.members : c.items;
}
