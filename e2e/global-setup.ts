import { execFileSync } from 'node:child_process';
import { ensureOpenclaw } from '../scripts/ensure-openclaw.mjs';

/**
 * Builds main, preload and renderer once (electron-vite needs no Electron binary to build; the daemon's
 * web mode serves out/renderer), and installs the pinned real OpenClaw into .cache/openclaw so the
 * daemon validates every write with it even when `npx playwright test` runs without vitest first.
 */
export default async function globalSetup(): Promise<void> {
  execFileSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' });
  await ensureOpenclaw({ quiet: false });
}
