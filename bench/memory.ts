// `npm run bench -- memory`: peak memory of one config edit (issue 11 item 10: a 20 MB file cost ~1 GB RSS
// per edit). Each case runs in a fresh child process; the row is the RSS the edit added over the
// process at rest (peak RSS minus RSS before), for 100 KB / 1 MB / 4 MB synthetic configs, beside a
// baseline in the same run: reading the file and `JSON5.parse` + `JSON5.stringify` of it (a naive
// rewrite). Memory is proportional when "RSS added / file size" stays flat across sizes; a file over the
// 4 MB limit is refused before it is read.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import JSON5 from 'json5';
import { ConfigFile } from '../src/main/core/openclaw/config-file';
import { MAX_CONFIG_BYTES } from '../src/main/core/openclaw/config-bytes';
import { synthetic1MB } from './config';
import { table } from './stats';

const EDITS = 1;
const MB = 1024 * 1024;

interface ChildResult {
  bytes: number;
  restMB: number;
  peakMB: number;
  outcome: string;
}

/** In the child: write a config of about `size` bytes, then run the edit (or the baseline) and report memory. */
async function child(mode: 'warmclaw' | 'baseline', size: number): Promise<ChildResult> {
  const dir = mkdtempSync(join(tmpdir(), 'warmclaw-bench-mem-'));
  try {
    const path = join(dir, 'openclaw.json');
    const text = synthetic1MB(size).slice(0, Math.max(0, size - 40)); // cut inside the providers…
    const file = `${text.slice(0, text.lastIndexOf('\n      // provider'))}\n    },\n  },\n  agents: { defaults: { model: { primary: "p0/model-0-a" } } },\n}\n`; // …and close it
    writeFileSync(path, file, { mode: 0o600 });
    const bytes = Buffer.byteLength(file);
    const cf = new ConfigFile({ located: { path, source: 'flag', readOnly: false }, dataDir: join(dir, 'data') });
    const restMB = process.memoryUsage().rss / MB;
    let outcome = EDITS === 1 ? 'one edit' : `${EDITS} edits`;
    for (let i = 0; i < EDITS; i++) {
      if (mode === 'baseline') {
        writeFileSync(path, JSON5.stringify(JSON5.parse(await readFile(path, 'utf8')), null, 2));
        continue;
      }
      try {
        await cf.apply({ type: 'set-primary', input: { ref: `lmstudio/m${i % 2}` } });
      } catch (err) {
        outcome = `refused: ${(err as Error).message.replace(/^.*? is /, 'is ').slice(0, 40)}…`;
        break;
      }
    }
    return { bytes, restMB, peakMB: (process.resourceUsage().maxRSS * 1024) / MB, outcome };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function runChild(mode: string, size: number): ChildResult {
  const r = spawnSync(process.execPath, ['--import', 'tsx', import.meta.filename, '--child', mode, String(size)], { encoding: 'utf8', maxBuffer: 1e6, timeout: 300_000 });
  if (r.status !== 0) throw new Error(`memory bench child (${mode}, ${size}) failed: ${r.stderr || r.error?.message}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as ChildResult;
}

export async function benchMemory(opts: { json: boolean }): Promise<void> {
  const sizes = [100 * 1024, MB, MAX_CONFIG_BYTES - 64 * 1024, 20 * MB];
  const rows: Record<string, string | number>[] = [];
  const results: Record<string, unknown> = {};
  for (const size of sizes) {
    for (const mode of ['baseline', 'warmclaw'] as const) {
      if (mode === 'baseline' && size > MAX_CONFIG_BYTES) continue;
      const r = runChild(mode, size);
      const added = Math.max(0, r.peakMB - r.restMB);
      const fileMB = r.bytes / MB;
      rows.push({
        file: fileMB >= 0.95 ? `${fileMB.toFixed(1)} MB` : `${(r.bytes / 1024).toFixed(0)} KB`,
        run: mode === 'baseline' ? 'read + JSON5.parse + JSON5.stringify (baseline)' : 'ConfigFile.apply (lock, read, parse, edit, diff, backup, write)',
        outcome: r.outcome,
        'RSS at rest MB': r.restMB.toFixed(1),
        'RSS added MB': added.toFixed(1),
        'added / file size': (added / fileMB).toFixed(1),
      });
      results[`${mode} ${r.bytes}`] = { ...r, addedMB: added };
    }
  }
  if (opts.json) console.log(JSON.stringify(results, null, 2));
  else console.log(table(rows));
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain && process.argv[2] === '--child') {
  console.log(JSON.stringify(await child(process.argv[3] as 'warmclaw' | 'baseline', Number(process.argv[4]))));
}
