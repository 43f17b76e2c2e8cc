// `warmclaw daemon --ui [--port N]`: starts the loopback web server beside the daemon and prints the
// sign-in link (to the terminal only: the log file never sees the token), and a new one after each sign-in.
import { WarmclawError } from '../core/errors';
import type { Logger } from '../core/log/logger';
import type { WarmclawService } from '../core/service';
import { startWebServer, type WebServer } from './web-server';

export interface DaemonUiOptions {
  /** From `--port`; absent = any free port. */
  port?: string | number;
  rendererDir?: string;
}

/** Parses `--port` (1–65535; 0 = any free port). */
export function parsePort(port: string | number | undefined): number | undefined {
  if (port === undefined) return undefined;
  const n = typeof port === 'number' ? port : /^\d+$/.test(port) ? Number(port) : NaN;
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new WarmclawError('usage', `--port takes a port number (1-65535), got "${port}".`);
  return n;
}

/** Starts the UI server for a running daemon; `print` gets the line with the link, and after each sign-in the next one-time link. */
export async function startDaemonUi(service: WarmclawService, ui: DaemonUiOptions, logger: Logger, print: (line: string) => void): Promise<WebServer> {
  const port = parsePort(ui.port);
  const web = await startWebServer({
    service,
    port,
    host: '127.0.0.1',
    rendererDir: ui.rendererDir,
    logger,
    onSignInLink: (url) => print(`Warmclaw UI: a browser signed in. Each link works once; the next sign-in link: ${url}`),
  }).catch((err: unknown) => {
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new WarmclawError('conflict', `Port ${port} on 127.0.0.1 is in use. Pick another with --port, or leave it out for any free port.`);
    throw err;
  });
  print(`Warmclaw UI: open ${web.authUrl}`);
  return web;
}
