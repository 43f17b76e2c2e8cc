// e2e: the built renderer in real Chromium against the real daemon, and the Electron app where its
// binary exists. The journeys run in every Chromium we have (e2e/browsers.ts): the system one
// (CHROMIUM_PATH, Debian's, Chrome) and the Chromium 147 inside @sparticuz/chromium, which is all a
// bare machine has. `globalSetup` builds once with electron-vite (works without the binary).
import { defineConfig, type Project } from '@playwright/test';
import { bundledLaunchOptions, systemChromium, systemLaunchOptions } from './e2e/browsers';

const system = systemChromium();
const bundled = await bundledLaunchOptions();
if (!system && !bundled) {
  throw new Error('No Chromium: install one (apt-get install -y chromium), set CHROMIUM_PATH, or run npm install on Linux x64 for @sparticuz/chromium.');
}
if (!system) console.log('[e2e] no system Chromium/Chrome (set CHROMIUM_PATH to use one): the journeys run in @sparticuz/chromium 147 only.');

const projects: Project[] = [];
// The first project saves the committed screenshots (e2e/fixtures.ts shot()); the others only check.
if (system) projects.push({ name: 'chromium', use: { browserName: 'chromium', launchOptions: systemLaunchOptions(system) }, metadata: { screenshots: true } });
if (bundled) {
  projects.push({
    name: 'chromium-147',
    // The Electron spec drives Electron, not this browser: once (in the first project) is enough.
    testIgnore: system ? /electron\.spec\.ts$/ : undefined,
    use: { browserName: 'chromium', launchOptions: bundled },
    metadata: { screenshots: !system },
  });
}

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'e2e/artifacts/test-results',
  globalSetup: './e2e/global-setup.ts',
  workers: 1,
  // Each journey starts the real daemon, and writes run the real OpenClaw validator (a Node process
  // of several seconds on two cores): generous per-test time, no wall-clock assertions inside.
  timeout: 90_000,
  reporter: process.env.CI ? 'list' : 'line',
  projects,
});
