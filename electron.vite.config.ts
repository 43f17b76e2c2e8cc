import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { bundleReport } from './scripts/bundle-report';
import { apiNames } from './src/shared/contract';

const __dirname = dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  main: {
    build: {
      rollupOptions: { input: { index: resolve(__dirname, 'src/main/electron/index.ts') } },
    },
  },
  preload: {
    // The bridge's function names, read from the contract at build time: the preload is generated from
    // the contract without bundling zod (a sandboxed preload may require nothing but electron).
    define: { __WARMCLAW_API_NAMES__: JSON.stringify(apiNames) },
    build: {
      // A sandboxed preload must be CommonJS: with "type": "module" electron-vite would emit .mjs.
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    build: { minify: true, rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } } },
    plugins: [react(), bundleReport()],
  },
});
