// `npm run bench -- config`: Warmclaw's lossless edit beside json5 in the same run.
// Targets (issue 3): in-memory parse+edit+serialize at most 2x JSON5.parse alone; atomic write p99 < 10 ms (40 KB).
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import JSON5 from 'json5';
import { writeFileAtomic } from '../src/main/core/fs-atomic';
import { ConfigFile } from '../src/main/core/openclaw/config-file';
import { parseDocument, setAt } from '../src/main/core/openclaw/json5-document';
import { measure, ms, table, type Stats } from './stats';

// The shared corpus has the big real files (40 KB); a fresh clone has only the in-repo one.
const sharedCorpus = resolve(import.meta.dirname, '..', '..', 'shared', 'fixtures', 'openclaw-configs', 'real');
const corpus = existsSync(sharedCorpus) ? sharedCorpus : resolve(import.meta.dirname, '..', 'test', 'fixtures', 'openclaw-configs', 'real');

function largestCorpusFile(): { name: string; text: string } {
  const files = readdirSync(corpus).map((n) => ({ n, size: statSync(join(corpus, n)).size }));
  files.sort((a, b) => b.size - a.size);
  const name = files[0]!.n;
  return { name, text: readFileSync(join(corpus, name), 'utf8') };
}

/** ~1 MB of config-shaped JSON5 with comments, unquoted keys and trailing commas. */
function synthetic1MB(): string {
  const parts: string[] = ['// synthetic config for benchmarking\n{\n  models: {\n    mode: "merge",\n    providers: {\n'];
  let size = 0;
  for (let i = 0; size < 1_000_000; i++) {
    const p = `      // provider ${i}\n      p${i}: {\n        baseUrl: "http://127.0.0.1:${1000 + (i % 9000)}/v1",\n        api: 'openai-responses',\n        models: [\n          { id: "model-${i}-a", name: "Model ${i} A", contextWindow: 131072, maxTokens: 8192, cost: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 }, },\n          { id: "model-${i}-b", name: "Model ${i} B", contextWindow: 65536, maxTokens: 4096, input: ["text", "image"], },\n        ],\n      },\n`;
    parts.push(p);
    size += p.length;
  }
  parts.push('    },\n  },\n  agents: { defaults: { model: { primary: "p0/model-0-a", fallbacks: ["p1/model-1-a"] } } },\n}\n');
  return parts.join('');
}

export async function benchConfig(opts: { json: boolean }): Promise<void> {
  const big = largestCorpusFile();
  const inputs = [
    { label: `${big.name.slice(0, 24)}… (${(big.text.length / 1024).toFixed(0)} KB)`, text: big.text, n: 400 },
    { label: `synthetic (${(synthetic1MB().length / 1e6).toFixed(2)} MB)`, text: synthetic1MB(), n: 30 },
  ];
  const rows: Record<string, string | number>[] = [];
  const results: Record<string, Record<string, Stats>> = {};
  for (const { label, text, n } of inputs) {
    const r: Record<string, Stats> = {};
    r['JSON5.parse (baseline)'] = await measure(() => JSON5.parse(text), n);
    r['JSON5.parse+stringify (naive rewrite)'] = await measure(() => JSON5.stringify(JSON5.parse(text), null, 2), n);
    r['Warmclaw parse+edit+serialize'] = await measure(() => setAt(parseDocument(text), ['agents', 'defaults', 'model', 'primary'], 'lmstudio/qwen3-32b'), n);
    for (const [k, s] of Object.entries(r)) rows.push({ input: label, operation: k, p50_ms: ms(s.p50), p99_ms: ms(s.p99), n: s.n });
    const ratio = r['Warmclaw parse+edit+serialize']!.p50 / r['JSON5.parse (baseline)']!.p50;
    rows.push({ input: label, operation: 'ratio Warmclaw / JSON5.parse (target <= 2)', p50_ms: ratio.toFixed(2), p99_ms: '', n: '' });
    results[label] = r;
  }

  // Atomic write of the 40 KB file: the bare writer, and a whole ConfigFile.apply (lock, read, parse,
  // edit, backup, write; no validator) beside a plain fs.writeFileSync in the same run.
  const dir = mkdtempSync(join(tmpdir(), 'warmclaw-bench-'));
  try {
    const path = join(dir, 'openclaw.json');
    writeFileSync(path, big.text, { mode: 0o600 });
    const plain = await measure(() => writeFileSync(join(dir, 'plain.json'), big.text), 300);
    const atomic = await measure(() => writeFileAtomic(path, big.text), 300);
    const cf = new ConfigFile({ located: { path, source: 'flag', readOnly: false }, dataDir: join(dir, 'data') });
    let i = 0;
    const apply = await measure(() => cf.apply({ type: 'set-primary', input: { ref: `lmstudio/m${i++ % 2}` } }), 200);
    for (const [k, s] of [['fs.writeFileSync (not atomic, baseline)', plain], ['writeFileAtomic (target p99 < 10 ms)', atomic], ['ConfigFile.apply end to end', apply]] as const) {
      rows.push({ input: `${big.name.slice(0, 24)}…`, operation: k, p50_ms: ms(s.p50), p99_ms: ms(s.p99), n: s.n });
    }
    results.write = { plain, atomic, apply };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (opts.json) console.log(JSON.stringify(results, null, 2));
  else console.log(table(rows));
}
