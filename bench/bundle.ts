// `npm run bench -- bundle`: the renderer's JS after gzip against the 250 KB budget, beside a bare
// React 19 app bundled in the same run (the floor any React renderer pays).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import type { BundleReport } from '../scripts/bundle-report';

const root = resolve(import.meta.dirname, '..');

async function bareReact(): Promise<{ bytes: number; gzipBytes: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'wc-bare-react-'));
  try {
    const entry = join(dir, 'entry.js');
    writeFileSync(entry, "import { createElement } from 'react';\nimport { createRoot } from 'react-dom/client';\ncreateRoot(document.body).render(createElement('div', null, 'hello'));\n");
    const out = await build({ entryPoints: [entry], bundle: true, minify: true, write: false, format: 'esm', define: { 'process.env.NODE_ENV': '"production"' }, nodePaths: [join(root, 'node_modules')], logLevel: 'silent' });
    const code = out.outputFiles[0]!.contents;
    return { bytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchBundle({ json }: { json: boolean }): Promise<void> {
  // Always rebuild so the numbers are this checkout's.
  execFileSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: json ? 'ignore' : ['ignore', 'ignore', 'inherit'] });
  const report = JSON.parse(readFileSync(join(root, 'out', 'renderer', 'bundle-report.json'), 'utf8')) as BundleReport;
  const baseline = await bareReact();
  const result = {
    warmclaw: { bytes: report.totalBytes, gzipBytes: report.totalGzipBytes, files: report.files },
    bareReact: baseline,
    budgetGzipBytes: report.budgetGzipBytes,
    pass: report.totalGzipBytes <= report.budgetGzipBytes,
  };
  if (json) {
    console.log(JSON.stringify(result, null, 2));
    return;
  }
  const kb = (n: number) => (n / 1024).toFixed(1);
  console.log('| bundle | JS KB | gzip KB | vs bare React (gzip) |');
  console.log('|---|---|---|---|');
  console.log(`| bare React 19 app (baseline) | ${kb(baseline.bytes)} | ${kb(baseline.gzipBytes)} | 1.00× |`);
  console.log(`| Warmclaw renderer | ${kb(report.totalBytes)} | ${kb(report.totalGzipBytes)} | ${(report.totalGzipBytes / baseline.gzipBytes).toFixed(2)}× |`);
  console.log(`\nTarget: renderer JS under ${kb(report.budgetGzipBytes)} KB gzip: ${result.pass ? 'PASS' : 'FAIL'}`);
}
