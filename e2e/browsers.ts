// Which Chromium the web journeys run in. Never a downloaded browser: CHROMIUM_PATH when set, else a
// system Chromium/Chrome (CI installs Debian's), and always the Chromium 147 headless shell inside the
// npm package @sparticuz/chromium (Linux x64) too, so `npm test` passes on a bare machine and the
// app is checked in an older engine (147 sends no Origin on same-origin POSTs, for instance).
import { existsSync } from 'node:fs';
import type { LaunchOptions } from '@playwright/test';

/** Flags for a root user in a container on a closed network: no sandbox, no background fetches. */
const QUIET_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

const SYSTEM_CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/opt/google/chrome/chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

/** CHROMIUM_PATH (which must exist), else the first system Chromium/Chrome found, else null. */
export function systemChromium(env: NodeJS.ProcessEnv = process.env, exists: (p: string) => boolean = existsSync): string | null {
  if (env.CHROMIUM_PATH) {
    if (!exists(env.CHROMIUM_PATH)) throw new Error(`CHROMIUM_PATH=${env.CHROMIUM_PATH} does not exist.`);
    return env.CHROMIUM_PATH;
  }
  return SYSTEM_CANDIDATES.find((p) => exists(p)) ?? null;
}

export function systemLaunchOptions(executablePath: string): LaunchOptions {
  return { executablePath, args: QUIET_ARGS };
}

/**
 * @sparticuz/chromium's headless shell, unpacked to /tmp by executablePath() (~2 s, once), with the
 * package's own flags; null where the package has no binary (only Linux x64 is shipped).
 */
export async function bundledLaunchOptions(): Promise<LaunchOptions | null> {
  if (process.platform !== 'linux' || process.arch !== 'x64') return null;
  const { default: chromium } = await import('@sparticuz/chromium');
  // Its flags are tuned for AWS Lambda. Playwright passes its own --headless. --single-process makes
  // the browser die when a test's context closes (Playwright opens one per test), and
  // --disable-web-security would switch off the very same-origin rules the journeys rely on.
  const dropped = (a: string) => a.startsWith('--headless') || a === '--single-process' || a === '--disable-web-security';
  const args = [...chromium.args.filter((a) => !dropped(a)), ...QUIET_ARGS.filter((a) => !chromium.args.includes(a))];
  return { executablePath: await chromium.executablePath(), args };
}
