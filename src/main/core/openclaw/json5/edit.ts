// setAt / deleteAt / applyEdits: turn a requested value into the smallest splices of the original text,
// then re-parse the result and check the edited value (a bug throws instead of handing over a broken file).
import { docKeyStyle, fmt, memberKeyStyle, quoteString } from './format';
import { hasLineBreak, lineIndent } from './layout';
import { applyTextEdits, arrayLayout, planDelete, planInsertItems, planInsertMembers, type Edit } from './splice';
import { getAt, hasPath, lastMember, lastMemberIndex, nodeAt, parseDoc, pathText, toDoc, type Doc } from './tree';
import { MAX_DEPTH, MSG_ROOT, type EditOp, type Json5ArrayNode, type Json5Document, type Json5Member, type Json5Node, type Json5ObjectNode, type JsonPath, type PathSegment } from './types';
import { isPlainObject, isScalar, toJsonValue } from './values';

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
