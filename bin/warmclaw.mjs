#!/usr/bin/env node
// `warmclaw` entry. Commands run the TypeScript sources through tsx, so `npx warmclaw` works right after
// `npm install` with no build step. The long-running `daemon` is bundled with esbuild instead (no loader
// in memory) and started with V8 flags that keep an idle process small. The code needs Node >= 24.16;
// on an older Node (18+, e.g. a system Node 20) this file re-runs itself with the project's Node 24
// (the `node` devDependency), so it works from any shell. Keep this file to syntax Node 18 parses.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DAEMON_NODE_FLAGS } from './daemon-node-flags.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const self = fileURLToPath(import.meta.url);
const args = process.argv.slice(2);

const [major, minor] = process.versions.node.split('.').map(Number);
const tooOld = major < 24 || (major === 24 && minor < 16);

/** The project's Node 24 (npm package `node`), if installed. */
function projectNode() {
  const win = process.platform === 'win32';
  const candidates = [join(root, 'node_modules', 'node', 'bin', win ? 'node.exe' : 'node'), join(root, 'node_modules', '.bin', win ? 'node.exe' : 'node')];
  return candidates.find((p) => existsSync(p)) ?? null;
}

if (tooOld) {
  const node = projectNode();
  // WARMCLAW_REEXEC guards against a loop should node_modules hold an old Node too.
  if (!node || process.env.WARMCLAW_REEXEC === '1') {
    console.error(`warmclaw needs Node >= 24.16 (this is ${process.version}), and the project's Node 24 is not installed: run \`npm install\` in ${root}.`);
    process.exit(1);
  }
  reexec(node);
} else {
  await main();
}

/**
 * Runs this file again under `node` with the same arguments and streams, and exits like it. Ctrl-C
 * reaches the child directly (same process group); a signal sent only to us is passed on.
 */
function reexec(node) {
  const child = spawn(node, [self, ...args], { stdio: 'inherit', env: { ...process.env, WARMCLAW_REEXEC: '1' } });
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(sig, () => {
      if (sig !== 'SIGINT' && child.exitCode === null) child.kill(sig);
    });
  }
  child.on('error', (err) => {
    console.error(`warmclaw: could not start ${node}: ${err.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    if (signal) {
      process.removeAllListeners(signal);
      process.kill(process.pid, signal);
    } else process.exit(code ?? 1);
  });
}

/**
 * `daemon --ui` serves the built renderer: build it once (like scripts/start.mjs) when it is missing.
 * WARMCLAW_SKIP_UI_BUILD=1 skips that (tests that only talk to the API).
 */
function ensureUiBuilt() {
  if (process.env.WARMCLAW_SKIP_UI_BUILD === '1' || existsSync(join(root, 'out', 'renderer', 'index.html'))) return;
  const cli = join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  if (!existsSync(cli)) {
    console.error('Warmclaw: the web UI is not built and electron-vite is not installed (run `npm install`); the page will be missing.');
    return;
  }
  console.error('Warmclaw: building the web UI once (electron-vite build, about a minute)…');
  // Our own Node runs it directly: no npx, so no npm engine warnings on a machine whose default Node is old.
  const r = spawnSync(process.execPath, [cli, 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) console.error('Warmclaw: the UI build failed (see above); the daemon still runs, but its page is missing.');
}

async function main() {
  const isDaemon = args.includes('daemon') && !args.includes('--help') && !args.includes('-h');

  if (isDaemon && process.env.WARMCLAW_DAEMON_TUNED !== '1' && typeof process.execve === 'function') {
    // V8 flags that keep the process small (daemon-node-flags.mjs; `npm run bench -- poll` shows the
    // daemon with and without them). execve replaces this process: no parent left holding memory.
    process.execve(process.execPath, [process.execPath, ...DAEMON_NODE_FLAGS, self, ...args], { ...process.env, WARMCLAW_DAEMON_TUNED: '1' });
  }
  if (isDaemon && (args.includes('--ui') || args.includes('--port'))) ensureUiBuilt();

  // `warmclaw config backups | head -1`: the reader may leave before we finish writing. That is the
  // reader's choice, not our failure: a command exits quietly with its own exit code; the daemon keeps
  // running and stops writing to that stream (its log file still gets every line).
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err) => {
      if (err.code !== 'EPIPE' && err.code !== 'ERR_STREAM_DESTROYED') throw err;
      if (!isDaemon) process.exit(process.exitCode ?? 0);
    });
  }

  const { runCli } = await loadCli(isDaemon);
  const code = await runCli(args, {
    out: (s) => process.stdout.write(s + '\n'),
    err: (s) => process.stderr.write(s + '\n'),
    env: process.env,
  });
  process.exitCode = code;
}

async function loadCli(isDaemon) {
  if (isDaemon) {
    // Three folders below the repo root, like src/main/daemon, so paths derived from import.meta.url
    // (the web UI's out/renderer) resolve the same way bundled or not. esbuild runs as its own
    // process so none of it stays in the daemon's memory.
    const outfile = join(root, '.cache', 'daemon', 'bundle', 'warmclaw.mjs');
    const esbuild = join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'esbuild.cmd' : 'esbuild');
    const r = spawnSync(esbuild, [join(root, 'src', 'main', 'daemon', 'cli.ts'), '--bundle', '--platform=node', '--format=esm', '--target=node24', '--packages=external', '--log-level=error', `--outfile=${outfile}`], { stdio: 'inherit' });
    if (r.status === 0) return import(pathToFileURL(outfile).href);
    // No esbuild (or a read-only checkout): run from source, just with a larger footprint.
  }
  const { register } = await import('tsx/esm/api');
  register();
  return import('../src/main/daemon/cli.ts');
}
