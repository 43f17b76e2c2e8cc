// Errors are exceptions inside core and values at boundaries (CLI, IPC, HTTP). One class carries the
// stable code every boundary maps to an exit code or an `{ ok: false, error }` payload.
import { english, type Message } from '../../shared/messages';

export type ErrorCode =
  | 'usage' // bad command line or argument shape
  | 'invalid-file' // the config file is not JSON5, not an object, or has a wrong type where we edit
  | 'invalid-input' // an edit's input was refused (zod, or a domain rule such as a too-small context window)
  | 'rejected' // OpenClaw's validator (or the gateway) would reject the result
  | 'read-only' // OPENCLAW_CONFIG_READONLY / OPENCLAW_NIX_MODE, or the file cannot be written
  | 'conflict' // the file changed underneath and the edit cannot be re-applied
  | 'not-found' // nothing to act on (no backup to undo, unknown model…)
  | 'io'; // filesystem or process failure

export interface ErrorPayload {
  code: ErrorCode;
  message: string;
  /** `message` as a code the UI translates (when the error was worded from the catalog). */
  msg?: Message;
  line?: number;
  column?: number;
  file?: string;
  /** Names the input may have meant ("did you mean …?"), closest first. */
  suggestions?: string[];
}

/** An error meant for a person: `message` is one readable paragraph saying what happened and what to do. */
export class WarmclawError extends Error {
  readonly code: ErrorCode;
  readonly line?: number;
  readonly column?: number;
  readonly file?: string;
  readonly msg?: Message;
  readonly suggestions?: string[];

  /** `message` is English words, or a catalog message (its English text becomes `message`). */
  constructor(code: ErrorCode, message: string | Message, where?: { line?: number; column?: number; file?: string; suggestions?: string[] }) {
    super(english(message));
    this.name = 'WarmclawError';
    this.code = code;
    if (typeof message !== 'string') this.msg = message;
    this.line = where?.line;
    this.column = where?.column;
    this.file = where?.file;
    if (where?.suggestions?.length) this.suggestions = where.suggestions;
  }

  toPayload(): ErrorPayload {
    const p: ErrorPayload = { code: this.code, message: this.message };
    if (this.msg) p.msg = this.msg;
    if (this.line !== undefined) p.line = this.line;
    if (this.column !== undefined) p.column = this.column;
    if (this.file !== undefined) p.file = this.file;
    if (this.suggestions) p.suggestions = [...this.suggestions];
    return p;
  }
}

/** CLI exit codes promised in the README: 0 ok, 1 usage, 2 invalid file or input, 3 read-only, 4 conflict. */
export function exitCodeFor(code: ErrorCode): number {
  switch (code) {
    case 'usage':
      return 1;
    case 'read-only':
      return 3;
    case 'conflict':
      return 4;
    default:
      return 2;
  }
}

/** Turns anything thrown into a payload without leaking stack traces or secrets to the user. */
export function toErrorPayload(err: unknown): ErrorPayload {
  if (err instanceof WarmclawError) return err.toPayload();
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'io', message };
}

/** What a thrown value says: its catalog message when it carries one (WarmclawError, EndpointError), else its words. */
export function errorSaid(err: unknown): string | Message {
  const m = (err as { msg?: Message } | null)?.msg;
  return m ?? (err instanceof Error ? err.message : String(err));
}
