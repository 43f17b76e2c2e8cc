// Installs the pinned real OpenClaw CLI into .cache/openclaw (outside the project's dependencies: it is
// ~650 MB and only tests and the benchmark use it). Idempotent; safe to call from every test run.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const OPENCLAW_VERSION = '2026.9.6';
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const openclawPrefix = join(root, '.cache', 'openclaw');
/** Path of the installed `openclaw` entry script (run it with a Node >= 24.16). */
export const openclawBin = join(openclawPrefix, 'node_modules', '.bin', 'openclaw');

function installedVersion() {
  try {
    const pkg = JSON.parse(readFileSync(join(openclawPrefix, 'node_modules', 'openclaw', 'package.json'), 'utf8'));
    return pkg.version;
  } catch {
    return undefined;
  }
}

/** Ensures .cache/openclaw holds openclaw@OPENCLAW_VERSION; returns the bin path. */
export async function ensureOpenclaw({ quiet = true } = {}) {
  if (installedVersion() === OPENCLAW_VERSION && existsSync(openclawBin)) return openclawBin;
  mkdirSync(openclawPrefix, { recursive: true });
  const pkgJson = join(openclawPrefix, 'package.json');
  if (!existsSync(pkgJson)) writeFileSync(pkgJson, JSON.stringify({ name: 'openclaw-cache', private: true }, null, 2));
  if (!quiet) console.log(`[warmclaw] installing openclaw@${OPENCLAW_VERSION} into .cache/openclaw (first run only)…`);
  execFileSync(
    'npm',
    ['install', '--no-audit', '--no-fund', '--loglevel=error', '--prefix', openclawPrefix, `openclaw@${OPENCLAW_VERSION}`],
    { stdio: quiet ? 'ignore' : 'inherit', cwd: openclawPrefix },
  );
  if (installedVersion() !== OPENCLAW_VERSION) throw new Error(`openclaw@${OPENCLAW_VERSION} did not install into ${openclawPrefix}`);
  return openclawBin;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await ensureOpenclaw({ quiet: false });
  console.log(openclawBin);
}
