// The recent lines of the rotating log file, for the app's log view and `warmclaw log`. Read from the
// end (never a whole file: at most LOG_SCAN_BYTES across daemon.log, .1, .2 …), newest first. Lines
// pass through the logger's own redaction again and show control characters the way the file holds
// them (\u001b), so the view says what the file says, and an older line with a secret stays hidden.
import { access, open } from 'node:fs/promises';
import type { LogEntry, LogPage, LogQuery } from '../../../shared/contract';
import { LOG_RECENT_MAX } from '../../../shared/log-lines';
import { escapeControls } from '../text';
import { LOG_LEVEL_ORDER, redactSecrets, type LogLevel } from './logger';
import { DEFAULT_LOG_KEEP } from './rotating-file';

/** How much of the files' ends one query reads, at most (memory stays bounded whatever their size). */
export const LOG_SCAN_BYTES = 1024 * 1024;
/** A longer line is cut for the view (`truncated`); the file keeps it whole. */
export const LOG_LINE_CHARS = 2000;
const DEFAULT_LIMIT = 200;

export interface LogReadOptions {
  scanBytes?: number;
  /** Rotated files that may exist besides the current one (the writer's `keep`). */
  keep?: number;
}

/** The last `budget` bytes of a file as whole lines, oldest first; `whole` when the file's start was reached. */
async function tailLines(path: string, budget: number): Promise<{ lines: string[]; bytes: number; whole: boolean } | undefined> {
  let fh;
  try {
    fh = await open(path, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  try {
    const size = (await fh.stat()).size;
    const start = Math.max(0, size - budget);
    const buf = Buffer.alloc(size - start);
    const { bytesRead } = await fh.read(buf, 0, buf.length, start);
    let text = buf.subarray(0, bytesRead).toString('utf8');
    // Starting mid-file: the first piece is part of a line (maybe of a character); drop it.
    if (start > 0) text = text.slice(text.indexOf('\n') + 1);
    const lines = text.split('\n').filter((l) => l !== '');
    return { lines, bytes: bytesRead, whole: start === 0 };
  } finally {
    await fh.close();
  }
}

const SERVER_FIELDS = ['endpoint', 'endpointId', 'id'] as const;
const shown = (s: string) => escapeControls(s, { json: true });
const cut = (s: string, max: number) => (s.length > max ? s.slice(0, max) : s);

/** One file line as the view shows it: message and fields apart, secrets redacted, controls escaped. */
export function logEntryOf(line: string): LogEntry {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    parsed = undefined;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    const text = shown(redactSecrets(line) as string);
    return { t: '', level: 'other', msg: cut(text, LOG_LINE_CHARS), fields: '', ...(text.length > LOG_LINE_CHARS && { truncated: true }) };
  }
  const { t, level, msg, ...rest } = redactSecrets(parsed) as Record<string, unknown>;
  const fieldsText = Object.keys(rest).length ? shown(JSON.stringify(rest)) : '';
  const msgText = shown(typeof msg === 'string' ? msg : JSON.stringify(msg ?? ''));
  const server = SERVER_FIELDS.map((k) => rest[k]).find((v): v is string => typeof v === 'string' && v !== '');
  const room = Math.max(0, LOG_LINE_CHARS - msgText.length);
  return {
    t: typeof t === 'string' ? t : '',
    level: typeof level === 'string' && level in LOG_LEVEL_ORDER ? (level as LogLevel) : 'other',
    msg: cut(msgText, LOG_LINE_CHARS),
    fields: cut(fieldsText, room),
    ...(server !== undefined && { server: shown(server) }),
    ...(msgText.length + fieldsText.length > LOG_LINE_CHARS && { truncated: true }),
  };
}

/** Whether an entry passes the query's level, server and text filters. */
export function matchesLogQuery(e: LogEntry, q: LogQuery): boolean {
  if (q.level && (e.level === 'other' || LOG_LEVEL_ORDER[e.level] < LOG_LEVEL_ORDER[q.level])) return false;
  if (q.server && e.server !== q.server) return false;
  if (q.text) {
    const needle = q.text.toLowerCase();
    if (!e.msg.toLowerCase().includes(needle) && !e.fields.toLowerCase().includes(needle)) return false;
  }
  return true;
}

/** The newest lines of `path` (and its rotated files) that match `q`, newest first; bounded in bytes read and lines sent. */
export async function readRecentLog(path: string | undefined, q: LogQuery = {}, opts: LogReadOptions = {}): Promise<LogPage> {
  if (!path) return { file: null, entries: [], more: false };
  const limit = Math.min(q.limit ?? DEFAULT_LIMIT, LOG_RECENT_MAX);
  const keep = opts.keep ?? DEFAULT_LOG_KEEP;
  let budget = opts.scanBytes ?? LOG_SCAN_BYTES;
  const entries: LogEntry[] = [];
  let more = false;
  for (let i = 0; i <= keep; i++) {
    const file = i === 0 ? path : `${path}.${i}`;
    if (budget <= 0) {
      more = await access(file).then(() => true, () => false);
      break;
    }
    const tail = await tailLines(file, budget);
    if (!tail) break; // rotated files are numbered without gaps: none here, none older
    budget -= tail.bytes;
    for (let j = tail.lines.length - 1; j >= 0; j--) {
      const e = logEntryOf(tail.lines[j]!);
      if (!matchesLogQuery(e, q)) continue;
      if (entries.length === limit) return { file: path, entries, more: true };
      entries.push(e);
    }
    if (!tail.whole) {
      more = true;
      break;
    }
  }
  return { file: path, entries, more };
}
