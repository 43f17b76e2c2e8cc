// Structured logs (one JSON object per line) with secrets redacted before anything is written:
// API keys, bearer tokens and gateway tokens never reach a log file or the terminal.
import type { LogLevelName } from '../../../shared/log-lines';
import { SECRET_VALUE, isSecretKey } from '../secrets';
import { escapeControls } from '../text';

export type LogLevel = LogLevelName;
/** Severity order: a level filter keeps its level and the ones above. */
export const LOG_LEVEL_ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

/** Replaces secret-looking values (by key name or by shape) with "[redacted]". */
export function redactSecrets(value: unknown, extraSecrets: readonly string[] = [], depth = 0): unknown {
  if (depth > 8) return '[…]';
  if (typeof value === 'string') {
    let s = value;
    for (const secret of extraSecrets) if (secret && secret.length >= 4) s = s.split(secret).join('[redacted]');
    for (const re of SECRET_VALUE) s = s.replace(re, '[redacted]');
    return s;
  }
  if (Array.isArray(value)) return value.map((v) => redactSecrets(v, extraSecrets, depth + 1));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = isSecretKey(k) && v !== undefined && v !== null && v !== '' ? '[redacted]' : redactSecrets(v, extraSecrets, depth + 1);
    return out;
  }
  return value;
}

/** A logger writing JSON lines to `write`; `secrets()` names values known to be secret right now. */
export function createLogger(opts: { write: (line: string) => void; level?: LogLevel; now?: () => number; secrets?: () => readonly string[] }): Logger {
  const min = LOG_LEVEL_ORDER[opts.level ?? 'info'];
  const log = (level: LogLevel, msg: string, fields?: Record<string, unknown>) => {
    if (LOG_LEVEL_ORDER[level] < min) return;
    const secrets = opts.secrets?.() ?? [];
    const entry = { t: new Date((opts.now ?? Date.now)()).toISOString(), level, msg: redactSecrets(msg, secrets), ...(redactSecrets(fields ?? {}, secrets) as object) };
    // JSON escapes C0 but not DEL or C1 (U+009B is CSI to 8-bit terminals): a `tail -f` must stay inert.
    opts.write(escapeControls(JSON.stringify(entry), { json: true }));
  };
  return {
    debug: (m, f) => log('debug', m, f),
    info: (m, f) => log('info', m, f),
    warn: (m, f) => log('warn', m, f),
    error: (m, f) => log('error', m, f),
  };
}
