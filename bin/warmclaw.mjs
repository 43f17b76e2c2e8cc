#!/usr/bin/env node
// `warmclaw` entry. Commands run the TypeScript sources through tsx, so `npx warmclaw` works right after
// `npm install` with no build step. The long-running `daemon` is bundled with esbuild instead (no loader
// in memory) and started with V8 flags that keep an idle process small. Needs Node >= 24.16 (npm puts
// the project's Node 24 first on PATH for npx and npm scripts).
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 24 || (major === 24 && minor < 16)) {
  console.error(`warmclaw needs Node >= 24.16 (this is ${process.version}). Run it as \`npx warmclaw\` or \`npm run warmclaw --\` inside the project: npm puts the project's Node 24 first on PATH.`);
  process.exit(1);
}
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const isDaemon = args.includes('daemon') && !args.includes('--help') && !args.includes('-h');

if (isDaemon && process.env.WARMCLAW_DAEMON_TUNED !== '1' && typeof process.execve === 'function') {
  // A small young generation keeps idle RSS down (`npm run bench -- poll` shows the daemon with and
  // without it). No WebAssembly runs in the daemon any more (node:http, not undici: decision 0003), so
  // the former --liftoff-only is gone. execve replaces this process: no parent left holding memory.
  process.execve(process.execPath, [process.execPath, '--max-semi-space-size=1', fileURLToPath(import.meta.url), ...args], { ...process.env, WARMCLAW_DAEMON_TUNED: '1' });
}

async function loadCli() {
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

// `warmclaw config backups | head -1`: the reader may leave before we finish writing. That is the
// reader's choice, not our failure: a command exits quietly with its own exit code; the daemon keeps
// running and stops writing to that stream (its log file still gets every line).
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err.code !== 'EPIPE' && err.code !== 'ERR_STREAM_DESTROYED') throw err;
    if (!isDaemon) process.exit(process.exitCode ?? 0);
  });
}

const { runCli } = await loadCli();
const code = await runCli(args, {
  out: (s) => process.stdout.write(s + '\n'),
  err: (s) => process.stderr.write(s + '\n'),
  env: process.env,
});
process.exitCode = code;
