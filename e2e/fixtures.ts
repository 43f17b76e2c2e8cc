// The web-mode fixture: every test gets its own temp HOME and data dir, a COPY of an openclaw.json
// from the in-repo corpus (test/fixtures/openclaw-configs), a settings.json that scans only this test's port (never the default ports
// other processes may use), the REAL daemon as a process (`warmclaw daemon --ui --port 0`), and the
// loopback simulators from test/sim. The browser signs in through the printed /auth link.
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { GATEWAY_TOKEN_ENV, startRealGateway, type RealGateway } from '../test/helpers/openclaw-gateway';
import { freePort } from '../test/helpers/ports';
import { startSimulator, type SimKind, type SimOptions, type Simulator } from '../test/sim/index';

export const root = resolve(import.meta.dirname, '..');
/** The in-repo corpus (test/helpers/corpus.ts's own set): e2e never needs anything outside the repository. */
export const corpusDir = resolve(root, 'test', 'fixtures', 'openclaw-configs', 'real');
export const artifactsDir = join(root, 'e2e', 'artifacts');
export const openclawBin = join(root, '.cache', 'openclaw', 'node_modules', '.bin', 'openclaw');

/**
 * Valid under the pinned OpenClaw (2026.9.6), hosted providers only (so a first run shows the empty
 * state), a primary and two fallbacks (openai/gpt-4.1-mini, anthropic/claude-haiku-4-5).
 */
export const DEFAULT_CORPUS = 'hosted-fallbacks.json';

/** A Node that bin/warmclaw.mjs and OpenClaw accept (>= 24.16): ours when it is, else the project's. */
export function nodeBin(): string {
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  if (major > 24 || (major === 24 && minor >= 16)) return process.execPath;
  const local = join(root, 'node_modules', '.bin', 'node');
  if (existsSync(local)) return local;
  throw new Error(`Node >= 24.16 is needed for the daemon (this is ${process.version}, and node_modules/.bin/node is missing).`);
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A plain node:http request (browsers cannot forge Host; Playwright's request context sets its own). */
export function rawRequest(url: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<RawResponse> {
  return new Promise((res, rej) => {
    const req = request(url, { method: opts.method ?? 'GET', headers: opts.headers }, (r) => {
      let body = '';
      r.on('data', (c: Buffer) => (body += c.toString()));
      r.on('end', () => res({ status: r.statusCode ?? 0, headers: r.headers, body }));
    });
    req.on('error', rej);
    req.end(opts.body);
  });
}

export interface OpenclawReport {
  valid: boolean;
  issues: { path: string; message: string }[];
}

/**
 * The real OpenClaw validator on `text`: `openclaw config validate --json` with OPENCLAW_CONFIG_PATH
 * (and HOME / OPENCLAW_STATE_DIR) inside a throwaway dir, like src/main/core/openclaw/openclaw-cli.ts.
 * It exits 1 for an invalid file but still prints the JSON report.
 */
export async function validateWithOpenclaw(text: string): Promise<OpenclawReport> {
  const dir = mkdtempSync(join(tmpdir(), 'warmclaw-e2e-validate-'));
  try {
    const config = join(dir, 'openclaw.json');
    writeFileSync(config, text, { mode: 0o600 });
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: dir, OPENCLAW_STATE_DIR: join(dir, 'state'), OPENCLAW_CONFIG_PATH: config, NO_COLOR: '1' };
    const out = await new Promise<string>((res, rej) => {
      const child = spawn(nodeBin(), [openclawBin, 'config', 'validate', '--json'], { env, cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('error', rej);
      child.on('close', (code) => {
        clearTimeout(timer);
        if (!stdout.trim()) rej(new Error(`openclaw config validate printed nothing (exit ${code}): ${stderr.slice(0, 500)}`));
        else res(stdout);
      });
    });
    const text2 = out.trim();
    let report: unknown;
    try {
      report = JSON.parse(text2);
    } catch {
      const lines = text2.split('\n');
      report = JSON.parse(lines.slice(lines.findIndex((l) => l.startsWith('{'))).join('\n'));
    }
    const r = report as { valid: boolean; issues?: { path?: string; message?: string }[] };
    return { valid: r.valid, issues: (r.issues ?? []).map((i) => ({ path: i.path || '<root>', message: String(i.message) })) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface WarmclawOptions {
  /** File name in the in-repo corpus's real/ to copy as openclaw.json. */
  corpusFile: string;
  /** Simulators already running when the daemon starts (each on its own scanned port). */
  /** A kind with the simulator's defaults, or with options (models, load delay…). */
  servers: (SimKind | { kind: SimKind; options: SimOptions })[];
  /**
   * A real OpenClaw gateway (pinned package) to run beside the daemon: its config body for the
   * simulators of `servers` (see test/helpers/openclaw-gateway.ts). The daemon then watches that
   * gateway's openclaw.json, with its token, instead of the corpus copy. (An object: Playwright
   * would take a bare function for a fixture.)
   */
  gateway: { config: (sims: Simulator[], quiet: string) => string } | null;
}

export interface Warmclaw {
  dir: string;
  home: string;
  dataDir: string;
  configPath: string;
  /** The corpus file's bytes as copied. */
  originalText: string;
  /** A scanned port left free; startSim() puts a server there. */
  scanPort: number;
  /** The simulators of the `servers` option (started before the daemon), then those of startSim(). */
  sims: Simulator[];
  /** The real gateway of the `gateway` option (null without it). */
  gateway: RealGateway | null;
  /** http://127.0.0.1:PORT of the daemon's UI/API. */
  origin: string;
  token: string;
  /** The first sign-in link (each link works once). */
  authUrl: string;
  /** The newest unused sign-in link (the daemon prints a new one after each sign-in). */
  nextAuthUrl(): string;
  /** Everything the daemon printed so far (stdout + stderr). */
  output(): string;
  readConfig(): string;
  /** Starts a simulator on the scanned port (default) so the daemon's scan finds it. */
  startSim(kind?: SimKind, opts?: SimOptions): Promise<Simulator>;
  /** Signs the page in with the newest link (/auth sets the cookie and redirects to /) and waits until the app is ready. */
  open(page: Page): Promise<void>;
  /** What the signed-in page sends with every call besides its cookie: the session secret header. */
  sessionHeaders(page: Page): Promise<Record<string, string>>;
  /** A contract call from the signed-in page's context (cookie + session secret + our own Origin). */
  api<T = unknown>(page: Page, name: string, input?: unknown): Promise<T>;
}

export const test = base.extend<WarmclawOptions & { warmclaw: Warmclaw }>({
  corpusFile: [DEFAULT_CORPUS, { option: true }],
  servers: [[], { option: true }],
  gateway: [null, { option: true }],

  warmclaw: async ({ corpusFile, servers, gateway: gatewayConfig }, use, testInfo) => {
    const dir = mkdtempSync(join(tmpdir(), 'warmclaw-e2e-'));
    const home = join(dir, 'home');
    const dataDir = join(dir, 'data');
    mkdirSync(home, { recursive: true });
    mkdirSync(dataDir, { recursive: true });
    mkdirSync(join(home, '.openclaw'), { recursive: true });
    const sims: Simulator[] = [];
    for (const s of servers) sims.push(typeof s === 'string' ? await startSimulator(s, { port: 0 }) : await startSimulator(s.kind, { ...s.options, port: 0 }));
    const gateway = gatewayConfig ? await startRealGateway((quiet) => gatewayConfig.config(sims, quiet)) : null;
    const configPath = gateway?.configPath ?? join(home, '.openclaw', 'openclaw.json');
    if (!gateway) copyFileSync(join(corpusDir, corpusFile), configPath);
    const originalText = readFileSync(configPath, 'utf8');
    const scanPort = await freePort();
    const ports = [...sims.map((s) => s.port), scanPort];
    writeFileSync(join(dataDir, 'settings.json'), JSON.stringify({ scan: { enabled: true, ports }, poll: { fastMs: 500, slowMs: 2000 } }, null, 2));

    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: home,
      WARMCLAW_DATA_DIR: dataDir,
      OPENCLAW_CONFIG_PATH: configPath,
      // The pinned real OpenClaw validates every write (global-setup installs it).
      WARMCLAW_OPENCLAW_BIN: openclawBin,
      LANG: 'en_US.UTF-8',
      ...(gateway && { [GATEWAY_TOKEN_ENV]: gateway.token }),
    };
    const daemon: ChildProcess = spawn(nodeBin(), [join(root, 'bin', 'warmclaw.mjs'), 'daemon', '--ui', '--port', '0'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    try {
      const authUrl = await new Promise<string>((res, rej) => {
        const timer = setTimeout(() => rej(new Error(`the daemon printed no sign-in link within 60 s; output:\n${out}`)), 60_000);
        const onData = (d: Buffer) => {
          out += d.toString();
          const m = /Warmclaw UI: open (http:\/\/127\.0\.0\.1:\d+\/auth\?token=[0-9a-f]+)/.exec(out);
          if (m) {
            clearTimeout(timer);
            res(m[1]!);
          }
        };
        daemon.stdout!.on('data', onData);
        daemon.stderr!.on('data', onData);
        daemon.once('exit', (code) => {
          clearTimeout(timer);
          rej(new Error(`the daemon exited (${code}) before printing its sign-in link:\n${out}`));
        });
      });
      const url = new URL(authUrl);
      const origin = url.origin;
      const w: Warmclaw = {
        dir,
        home,
        dataDir,
        configPath,
        originalText,
        scanPort,
        sims,
        gateway,
        origin,
        token: url.searchParams.get('token')!,
        authUrl,
        output: () => out,
        readConfig: () => readFileSync(configPath, 'utf8'),
        startSim: async (kind = 'lmstudio', opts = {}) => {
          const sim = await startSimulator(kind, { port: scanPort, ...opts });
          sims.push(sim);
          return sim;
        },
        nextAuthUrl: () => {
          const links = [...out.matchAll(/(?:Warmclaw UI: open|the next sign-in link:) (http:\/\/127\.0\.0\.1:\d+\/auth\?token=[0-9a-f]+)/g)];
          return links[links.length - 1]![1]!;
        },
        open: async (page) => {
          const before = w.nextAuthUrl();
          await page.goto(before);
          // The secret arrives in the fragment; the app moves it to its storage and clears the address bar.
          await expect(page).toHaveURL(`${origin}/`);
          await expect(page.locator('[data-app-state="ready"]')).toBeVisible({ timeout: 20_000 });
          // The daemon prints the next link right away (same write as the redirect); wait for it, bounded.
          await expect.poll(() => w.nextAuthUrl(), { timeout: 10_000 }).not.toBe(before);
        },
        sessionHeaders: async (page) => {
          const secret = await page.evaluate(() => window.localStorage.getItem('warmclaw.session'));
          if (!secret) throw new Error('the page holds no session secret: sign it in with warmclaw.open(page) first');
          return { 'X-Warmclaw-Session': secret };
        },
        api: async <T>(page: Page, name: string, input?: unknown): Promise<T> => {
          const r = await page.request.post(`${origin}/api/${name}`, { data: input ?? {}, headers: { Origin: origin, ...(await w.sessionHeaders(page)) } });
          const body = (await r.json()) as { ok: boolean; data?: T; error?: { message: string } };
          if (!body.ok) throw new Error(`${name} failed: ${body.error?.message ?? r.status()}`);
          return body.data as T;
        },
      };
      await use(w);
    } finally {
      await Promise.all(sims.map((s) => s.close().catch(() => undefined)));
      await gateway?.stop();
      if (daemon.exitCode === null && daemon.signalCode === null) {
        const exited = new Promise<void>((r) => daemon.once('exit', () => r()));
        daemon.kill('SIGTERM');
        const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 10_000).unref());
        if ((await Promise.race([exited, timeout])) === 'timeout') daemon.kill('SIGKILL');
      }
      if (testInfo.status !== testInfo.expectedStatus) await testInfo.attach('daemon-output.txt', { body: out, contentType: 'text/plain' });
      rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
    }
  },
});

export { expect };

/**
 * Saves a commit-ready screenshot to e2e/artifacts/<name>.png: the whole page, or only the viewport
 * when a modal is open (its backdrop covers the viewport, not the full page). The pointer is parked
 * on the brand first so no hover state shows.
 */
export async function shot(page: Page, name: string, opts: { fullPage?: boolean } = {}): Promise<void> {
  // One set of screenshots: the project marked for it in playwright.config.ts (the system Chromium).
  if (!(base.info().project.metadata as { screenshots?: boolean }).screenshots) return;
  await page.mouse.move(1, 1);
  // A full-page shot taken while scrolled draws the sticky header across the middle of the page.
  if (opts.fullPage ?? true) await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(artifactsDir, `${name}.png`), fullPage: opts.fullPage ?? true, animations: 'disabled' });
}
