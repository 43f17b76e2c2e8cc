// `npm start`: the desktop app where Electron can run; otherwise say so in one line and run the
// headless mode. Electron 45 downloads its binary lazily (not at npm install), so we try once here.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
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
  const r = spawnSync('npx', ['electron-vite', 'preview'], { stdio: 'inherit', cwd: root });
  process.exit(r.status ?? 1);
}
console.log(`Warmclaw: Electron cannot start here (${reason}); running the headless mode instead: warmclaw status`);
const r = spawnSync(process.execPath, [join(root, 'bin', 'warmclaw.mjs'), 'status', ...process.argv.slice(2)], { stdio: 'inherit', cwd: root });
process.exit(r.status ?? 1);
