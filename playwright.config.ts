// e2e: the built renderer in Debian's Chromium (never a downloaded browser), and the Electron app
// where its binary exists. `globalSetup` builds once with electron-vite (works without the binary).
import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  throw new Error(`Chromium not found at ${chromium}. Install Debian's package (apt-get install -y chromium) or set CHROMIUM_PATH.`);
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
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath: chromium,
      // Root in a container, and a closed network: no sandbox, no background fetches.
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
});
