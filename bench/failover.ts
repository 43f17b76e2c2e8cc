// `npm run bench -- failover [--json]`: how long after the configured `downForSec` auto-failover has
// rewritten openclaw.json, end to end on the real clock: the LM Studio simulator stops answering, the
// monitor notices, the failover waits downForSec, and the validated write lands (in-process schema check
// against the pinned OpenClaw's own schema; OpenClaw's CLI check runs after, in the background). Then
// the way back after stableForSec. Baseline in the same run: the same write through the CLI validator
// alone (what every write cost before in-process validation). Target (issue 9): within 2 s of the
// configured times.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSON5 from 'json5';
import { ensureOpenclaw } from '../scripts/ensure-openclaw.mjs';
import { findOpenclaw, validateWithOpenclaw } from '../src/main/core/openclaw/openclaw-cli';
import { WarmclawService } from '../src/main/core/service';
import { startSimulator } from '../test/sim';
import { table } from './stats';

const DOWN_S = 5;
const STABLE_S = 5;
const MODEL = 'qwen/qwen3-8b';
const LOCAL = `lmstudio/${MODEL}`;
const HOSTED = 'anthropic/claude-opus-4-6';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function benchFailover({ json }: { json: boolean }): Promise<void> {
  const bin = await ensureOpenclaw();
  const sim = await startSimulator('lmstudio', { loadDelayMs: 500, models: [{ id: MODEL, maxContext: 131072 }] });
  const dir = await mkdtemp(join(tmpdir(), 'warmclaw-bench-failover-'));
  const config = join(dir, 'openclaw.json');
  writeFileSync(config, `{\n  // mine\n  models: { mode: "merge", providers: { lmstudio: { baseUrl: "${sim.url}/v1", api: "openai-completions", apiKey: "lm-studio", models: [{ id: "${MODEL}", name: "Qwen3 8B", contextWindow: 32768 }] } } },\n  agents: { defaults: { model: { primary: "${HOSTED}", fallbacks: [] } } },\n}\n`, { mode: 0o600 });
  mkdirSync(join(dir, 'data'), { recursive: true });
  writeFileSync(join(dir, 'data', 'settings.json'), JSON.stringify({ openclawBin: bin, scan: { enabled: false, ports: [] }, failover: { enabled: true, downForSec: DOWN_S, stableForSec: STABLE_S } }));
  const env = { ...process.env, HOME: dir, OPENCLAW_CONFIG_PATH: config, WARMCLAW_DATA_DIR: join(dir, 'data') };
  const primary = () => (JSON5.parse(readFileSync(config, 'utf8')) as { agents: { defaults: { model: { primary: string } } } }).agents.defaults.model.primary;
  const service = await WarmclawService.open({ env, scan: false, gatewayActivity: false, openclawBin: bin });
  const rows: Record<string, string | number>[] = [];
  try {
    await service.config.file.apply({ type: 'local-first-on', input: { localRef: LOCAL } });
    await service.start();
    const until = (cond: () => boolean, ms: number) => (async () => {
      const end = Date.now() + ms;
      while (!cond() && Date.now() < end) await sleep(25);
      return cond();
    })();
    await until(() => service.keeper.states().some((s) => s.modelState === 'loaded'), 30_000);
    await sleep(1_000);

    const died = Date.now();
    await sim.setFailure('refuse');
    if (!(await until(() => primary() === HOSTED, 60_000))) throw new Error('no failover within 60 s');
    const away = Date.now() - died;
    rows.push({ switch: 'to hosted first', configured: `${DOWN_S} s down`, 'config written after': `${(away / 1000).toFixed(2)} s`, 'beyond configured': `${((away - DOWN_S * 1000) / 1000).toFixed(2)} s`, 'target (≤ 2 s beyond)': away - DOWN_S * 1000 <= 2_000 ? 'PASS' : 'FAIL' });

    const back = Date.now();
    await sim.setFailure(null);
    if (!(await until(() => primary() === LOCAL, 90_000))) throw new Error('no switch back within 90 s');
    const home = Date.now() - back;
    rows.push({ switch: 'back to local first', configured: `${STABLE_S} s warm (+ reload ${0.5} s)`, 'config written after': `${(home / 1000).toFixed(2)} s`, 'beyond configured': `${((home - STABLE_S * 1000) / 1000).toFixed(2)} s`, 'target (≤ 2 s beyond)': home - STABLE_S * 1000 - 500 <= 2_000 ? 'PASS' : 'FAIL' });

    // Baseline: the same check through OpenClaw's CLI validator (one run, as every write paid before).
    const cli = await findOpenclaw({ configuredPath: bin, env: { PATH: '' } });
    const t0 = Date.now();
    if (cli) await validateWithOpenclaw(cli, readFileSync(config, 'utf8'));
    rows.push({ switch: 'baseline: one `openclaw config validate` run', configured: '-', 'config written after': `${((Date.now() - t0) / 1000).toFixed(2)} s`, 'beyond configured': '-', 'target (≤ 2 s beyond)': '-' });
  } finally {
    await service.stop();
    await sim.close();
    await rm(dir, { recursive: true, force: true });
  }
  if (json) console.log(JSON.stringify(rows, null, 2));
  else console.log(table(rows));
}
