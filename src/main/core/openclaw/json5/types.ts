// The public shapes of the JSON5 layer: paths, the node tree with source offsets, the document, edit ops,
// and the located syntax error.

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

/** Deepest nesting the parser and the formatter accept (a guard against runaway recursion). */
export const MAX_DEPTH = 1000;

export const MSG_ROOT = 'the top level must be an object { … }';
