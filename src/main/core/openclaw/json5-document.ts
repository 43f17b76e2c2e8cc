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
 * This file is the layer's public face; the work is done in `./json5/`: `parse` (text → node tree), `tree`
 * (document, reading by path), `style` and `layout` (what the file's text already looks like), `format` (fresh
 * values in that style), `splice` (inserting and removing entries) and `edit` (set/delete, verified).
 *
 * See docs/decisions/0001-own-lossless-json5-layer.md for why this is not a library.
 */

export { applyEdits, deleteAt, setAt } from './json5/edit';
export { formatValue } from './json5/format';
export { getAt, hasPath, parseDocument, positionOf } from './json5/tree';
export {
  Json5SyntaxError,
  type EditOp,
  type Json5ArrayNode,
  type Json5Document,
  type Json5Entry,
  type Json5Member,
  type Json5Node,
  type Json5ObjectNode,
  type Json5ScalarNode,
  type JsonPath,
  type PathSegment,
  type Quote,
} from './json5/types';
