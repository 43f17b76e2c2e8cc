// `warmclaw daemon`: the headless keeper. One per data folder (pid lock), structured logs with
// secrets redacted, reloads when openclaw.json or settings change, stops cleanly on SIGINT/SIGTERM.
import { createWriteStream, mkdirSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { createLogger } from '../core/log/logger';
import { warmclawDataDir } from '../core/paths';
import { WarmclawService } from '../core/service';
import { acquireInstanceLock } from './instance-lock';
import { startDaemonUi, type DaemonUiOptions } from './web-ui';

export interface DaemonOptions {
  env: NodeJS.ProcessEnv;
  configFlag?: string;
  /** Where log lines go besides the log file (stderr by default). */
  echo?: (line: string) => void;
  /** Resolves when the daemon should stop (default: SIGINT or SIGTERM). */
  until?: Promise<unknown>;
  /** `--ui [--port N]`: also serve the web UI on 127.0.0.1 (the sign-in link goes to `echo`, never the log file). */
  ui?: DaemonUiOptions;
}

/** Runs until told to stop; resolves with the exit code. */
export async function runDaemon(opts: DaemonOptions): Promise<number> {
  const dataDir = warmclawDataDir(opts.env);
  const release = acquireInstanceLock(dataDir);
  mkdirSync(join(dataDir, 'logs'), { recursive: true, mode: 0o700 });
  const file = createWriteStream(join(dataDir, 'logs', 'daemon.log'), { flags: 'a', mode: 0o600 });
  const echo = opts.echo ?? ((l: string) => process.stderr.write(l + '\n'));
  const logger = createLogger({ write: (l) => (file.write(l + '\n'), echo(l)) });
  const service = await WarmclawService.open({ env: opts.env, configFlag: opts.configFlag, dataDir, logger });
  const watchers: FSWatcher[] = [];
  let reloadTimer: NodeJS.Timeout | undefined;
  let web: { close(): Promise<void> } | undefined;
  try {
    service.onEvent((ev) => {
      if (ev.type === 'endpoint-changed') logger.info('endpoint', { id: ev.endpoint.id, kind: ev.endpoint.kind, health: ev.endpoint.health, error: ev.endpoint.lastError });
      else logger.info(ev.type, { ...ev });
    });
    await service.start();
    if (opts.ui) web = await startDaemonUi(service, opts.ui, logger, echo);
    logger.info('daemon started', { pid: process.pid, config: service.config.located.path, data: dataDir });
    // Watch folders, not files: editors and OpenClaw replace the file (rename), which a file watch loses.
    const reload = () => {
      clearTimeout(reloadTimer);
      reloadTimer = setTimeout(() => {
        service.reload().then(
          () => logger.info('reloaded config and settings'),
          (err: unknown) => logger.warn('reload failed', { error: (err as Error).message }),
        );
      }, 300);
    };
    for (const [dir, name] of [
      [dirname(service.config.located.path), basename(service.config.located.path)],
      [dataDir, 'settings.json'],
    ] as const) {
      try {
        watchers.push(watch(dir, (_e, f) => f === name && reload()));
      } catch {
        logger.warn('cannot watch for changes', { dir });
      }
    }
    await (opts.until ??
      new Promise<void>((resolve) => {
        process.once('SIGINT', () => resolve());
        process.once('SIGTERM', () => resolve());
      }));
    logger.info('stopping');
    return 0;
  } finally {
    clearTimeout(reloadTimer);
    for (const w of watchers) w.close();
    await web?.close();
    await service.stop();
    release();
    await new Promise<void>((r) => file.end(r));
  }
}
