// `npm start`: the desktop app where Electron can run; otherwise say why in one line and run the
// headless daemon with its web UI, opening the sign-in link in the browser. Electron 45 downloads its
// binary lazily (not at npm install), so we try once here.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const electronDir = join(root, 'node_modules', 'electron');

function electronBinary() {
  try {
    const rel = readFileSync(join(electronDir, 'path.txt'), 'utf8').trim();
    const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH || join(electronDir, 'dist');
    const bin = join(dist, rel);
    return existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}

function whyNoElectron() {
  if (!existsSync(electronDir)) return 'the electron package is not installed';
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return 'there is no display (DISPLAY/WAYLAND_DISPLAY unset)';
  if (electronBinary()) return null;
  // One bounded attempt to fetch the binary (fails fast where the download host is unreachable).
  const r = spawnSync(process.execPath, [join(electronDir, 'install.js')], { stdio: 'ignore', timeout: 120_000 });
  if (r.status === 0 && electronBinary()) return null;
  return 'its binary could not be downloaded on this machine';
}

const reason = whyNoElectron();
if (reason === null) {
  const r = spawnSync('npx', ['electron-vite', 'preview'], { stdio: 'inherit', cwd: root, shell: process.platform === 'win32' });
  process.exit(r.status ?? 1);
}
console.log(`Warmclaw: Electron cannot start here (${reason}), so the headless daemon serves the same UI in your browser instead.`);

// The web UI is the built renderer: build it once if it is missing.
if (!existsSync(join(root, 'out', 'renderer', 'index.html'))) {
  console.log('Warmclaw: building the UI first (npx electron-vite build)…');
  const b = spawnSync('npx', ['electron-vite', 'build'], { stdio: 'inherit', cwd: root, shell: process.platform === 'win32' });
  if (b.status !== 0) console.log('Warmclaw: the UI build failed; the daemon still runs, but its page may be missing.');
}

/** A program on PATH (no shell involved). */
function onPath(name) {
  const exts = process.platform === 'win32' ? (process.env.PATHEXT ?? '.EXE;.CMD').split(';') : [''];
  return (process.env.PATH ?? '').split(delimiter).some((dir) => dir && exts.some((ext) => existsSync(join(dir, name + ext))));
}

/** How to open a URL in the user's browser here, or null (no opener, or no display to show it on). */
function browserCommand(url) {
  if (process.platform === 'darwin') return onPath('open') ? ['open', [url]] : null;
  if (process.platform === 'win32') return ['rundll32', ['url.dll,FileProtocolHandler', url]];
  if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return null;
  return onPath('xdg-open') ? ['xdg-open', [url]] : null;
}

let opened = false;
function openBrowser(url) {
  if (opened) return;
  opened = true;
  const cmd = browserCommand(url);
  const fallback = () => console.log(`Warmclaw: open this link in your browser: ${url}`);
  if (!cmd) return fallback();
  try {
    const child = spawn(cmd[0], cmd[1], { stdio: 'ignore', detached: true });
    child.on('error', fallback);
    child.unref();
  } catch {
    fallback();
  }
}

// The daemon prints `Warmclaw UI: open <url>` on stderr (JSON log lines go to stdout with --json): both streams are piped,
// re-echoed unchanged, and watched for that line.
const daemon = spawn(process.execPath, [join(root, 'bin', 'warmclaw.mjs'), 'daemon', '--ui', ...process.argv.slice(2)], { cwd: root, stdio: ['inherit', 'pipe', 'pipe'] });
for (const [stream, sink] of [
  [daemon.stdout, process.stdout],
  [daemon.stderr, process.stderr],
]) {
  let buf = '';
  stream.on('data', (chunk) => {
    sink.write(chunk);
    buf += chunk.toString('utf8');
    let nl;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      const m = /Warmclaw UI: open (\S+)/.exec(line);
      if (m) openBrowser(m[1]);
    }
  });
}

// Ctrl-C reaches the daemon directly (same process group) and it stops cleanly. A signal sent only to
// this script is passed on as SIGTERM, which the daemon also handles (a second SIGINT would not be).
let stopping = false;
const stop = (delayMs) => {
  if (stopping) return;
  stopping = true;
  setTimeout(() => {
    if (daemon.exitCode === null && daemon.signalCode === null) daemon.kill('SIGTERM');
  }, delayMs).unref();
};
process.on('SIGINT', () => stop(1500));
process.on('SIGTERM', () => stop(0));
daemon.on('error', (err) => {
  console.error(`Warmclaw: could not start the daemon: ${err.message}`);
  process.exit(1);
});
daemon.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
