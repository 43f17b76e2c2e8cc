// A Vite plugin that reports the renderer's JavaScript size after compression (what the issue's
// 250 KB budget is about) and writes it to out/renderer/bundle-report.json for `npm run bench -- bundle`.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

export const RENDERER_GZIP_BUDGET = 250 * 1024;

export interface BundleReport {
  files: { file: string; bytes: number; gzipBytes: number }[];
  totalBytes: number;
  totalGzipBytes: number;
  budgetGzipBytes: number;
}

export function bundleReport(): Plugin {
  let outDir = 'out/renderer';
  return {
    name: 'warmclaw-bundle-report',
    apply: 'build',
    configResolved(c) {
      outDir = c.build.outDir;
    },
    writeBundle(_opts, bundle) {
      const files = Object.values(bundle)
        .filter((o) => o.type === 'chunk')
        .map((o) => ({ file: o.fileName, bytes: Buffer.byteLength(o.code), gzipBytes: gzipSync(o.code, { level: 9 }).length }));
      const report: BundleReport = {
        files,
        totalBytes: files.reduce((a, f) => a + f.bytes, 0),
        totalGzipBytes: files.reduce((a, f) => a + f.gzipBytes, 0),
        budgetGzipBytes: RENDERER_GZIP_BUDGET,
      };
      writeFileSync(join(outDir, 'bundle-report.json'), JSON.stringify(report, null, 2));
      const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
      const verdict = report.totalGzipBytes <= RENDERER_GZIP_BUDGET ? 'within' : 'OVER';
      console.log(`renderer JS: ${kb(report.totalBytes)}, gzip ${kb(report.totalGzipBytes)} (${verdict} the ${kb(RENDERER_GZIP_BUDGET)} budget)`);
    },
  };
}
