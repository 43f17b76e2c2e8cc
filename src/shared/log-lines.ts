// Log lines as every process shows them: the levels, the most one answer carries, and one line as
// plain text (what `warmclaw log` prints and the app's log view copies, so a pasted line reads the
// same wherever it came from). No zod: the renderer imports this.
import type { LogEntry } from './contract';

/** Log levels, least to most severe (core/log/logger.ts writes them). */
export const logLevels = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevelName = (typeof logLevels)[number];

/** The most lines one `log.recent` answer carries (each line is cut at LOG_LINE_CHARS in core/log/log-reader.ts). */
export const LOG_RECENT_MAX = 500;

export function logLineText(e: LogEntry): string {
  return [e.t, e.level.toUpperCase().padEnd(5), e.msg, e.fields, e.truncated ? '…' : ''].filter((s) => s !== '').join('  ');
}
