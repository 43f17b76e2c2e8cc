// `warmclaw log [--level L] [--grep TEXT] [--server URL] [-n N] [--app]`: the newest lines of the
// daemon's (or the app's) log file, the same reader and filters as the app's log view, oldest first
// like `tail`. Works whether or not a daemon runs: it reads the file, never the daemon.
import { statSync } from 'node:fs';
import { logQuerySchema } from '../../shared/contract';
import { LOG_RECENT_MAX, logLineText } from '../../shared/log-lines';
import { readRecentLog } from '../core/log/log-reader';
import { logFilePath, warmclawDataDir } from '../core/paths';
import { usage, type CliIo, type Values } from './cli-args';

const mtimeOf = (path: string) => {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return -1;
  }
};

/** `--app` reads app.log; otherwise daemon.log, unless only the app has written lately. */
function whichLog(dataDir: string, app: boolean | undefined): string {
  const daemon = logFilePath(dataDir, 'daemon');
  const appLog = logFilePath(dataDir, 'app');
  if (app) return appLog;
  return mtimeOf(appLog) > mtimeOf(daemon) ? appLog : daemon;
}

export async function logCommand(io: CliIo, v: Values, json: boolean): Promise<number> {
  const n = v.lines;
  if (n !== undefined && !/^\d+$/.test(n)) usage(`-n takes a number of lines (1–${LOG_RECENT_MAX}), got "${n}".`);
  const parsed = logQuerySchema.safeParse({ level: v.level, text: v.grep, server: v.server, limit: n === undefined ? 50 : Number(n) });
  if (!parsed.success) usage(`log: ${parsed.error.issues.map((i) => `--${i.path.join('.').replace('text', 'grep').replace('limit', 'n')}: ${i.message}`).join('; ')}`);
  const path = whichLog(warmclawDataDir(io.env), v.app);
  const page = await readRecentLog(path, parsed.data);
  if (json) {
    io.out(JSON.stringify({ ok: true, data: page }));
    return 0;
  }
  if (page.entries.length === 0) io.err(`No matching lines in ${path}.`);
  for (const e of [...page.entries].reverse()) io.out(logLineText(e));
  if (page.more) io.err(`(older lines not shown: ${path}${page.entries.length === parsed.data.limit ? `; -n up to ${LOG_RECENT_MAX}` : ''})`);
  return 0;
}
