// `warmclaw daemon`: the headless keeper. One per data folder (pid lock), structured logs with
// secrets redacted, reloads when openclaw.json or settings change, stops cleanly on SIGINT/SIGTERM.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createLogger } from '../core/log/logger';
import { openRotatingFile } from '../core/log/rotating-file';
import { logFilePath, warmclawDataDir } from '../core/paths';
import { watchForReload } from '../core/reload-watcher';
import { WarmclawService } from '../core/service';
import { acquireInstanceLock } from './instance-lock';
import { startDaemonUi, type DaemonUiOptions } from './web-ui';

export interface DaemonOptions {
  env: NodeJS.ProcessEnv;
  configFlag?: string;
  /** Where JSON log lines go besides the log file (nowhere by default: the terminal is for people). */
  echo?: (line: string) => void;
  /** Lines for people: the status line and the sign-in link (stderr by default; never the log file). */
  print?: (line: string) => void;
  /** Resolves when the daemon should stop (default: SIGINT or SIGTERM). */
  until?: Promise<unknown>;
  /** `--ui [--port N]`: also serve the web UI on 127.0.0.1 (the sign-in link goes to `print`, never the log file). */
  ui?: DaemonUiOptions;
}

/** Runs until told to stop; resolves with the exit code. */
export async function runDaemon(opts: DaemonOptions): Promise<number> {
  const dataDir = warmclawDataDir(opts.env);
  const release = acquireInstanceLock(dataDir);
  mkdirSync(join(dataDir, 'logs'), { recursive: true, mode: 0o700 });
  const logPath = logFilePath(dataDir, 'daemon');
  // Rotated by size (5 MB, 3 old files kept), so a flapping server cannot fill the disk over months.
  const file = openRotatingFile(logPath);
  const echo = opts.echo;
  const print = opts.print ?? ((l: string) => process.stderr.write(l + '\n'));
  // The service's API keys and gateway token are redacted even where an error message quotes them.
  const opened: { service?: WarmclawService } = {};
  const logger = createLogger({ write: (l) => (file.writeLine(l), echo?.(l)), secrets: () => opened.service?.secretsNow() ?? [] });
  const service = await WarmclawService.open({ env: opts.env, configFlag: opts.configFlag, dataDir, logger, logFile: logPath });
  opened.service = service;
  let stopWatching: (() => void) | undefined;
  let web: { close(): Promise<void> } | undefined;
  try {
    service.onEvent((ev) => {
      if (ev.type === 'endpoint-changed') logger.info('endpoint', { id: ev.endpoint.id, kind: ev.endpoint.kind, health: ev.endpoint.health, error: ev.endpoint.lastError });
      else logger.info(ev.type, { ...ev });
    });
    await service.start();
    // The sign-in link comes after the status line, which is printed only once the UI is up.
    let link: string | undefined;
    let started = false;
    if (opts.ui) web = await startDaemonUi(service, opts.ui, logger, (l) => (started ? print(l) : (link = l)));
    logger.info('daemon started', { pid: process.pid, config: service.config.located.path, data: dataDir });
    print(`Warmclaw daemon running (pid ${process.pid}): watching ${service.config.located.path}; log ${logPath}. Ctrl-C stops it.`);
    if (link) print(link);
    started = true;
    stopWatching = watchForReload(service, { configPath: service.config.located.path, dataDir, logger });
    await (opts.until ??
      new Promise<void>((resolve) => {
        process.once('SIGINT', () => resolve());
        process.once('SIGTERM', () => resolve());
      }));
    logger.info('stopping');
    print('Warmclaw daemon stopping.');
    return 0;
  } finally {
    stopWatching?.();
    await web?.close();
    await service.stop();
    release();
    file.close();
  }
}
