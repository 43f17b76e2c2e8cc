// `npm run bench -- hostile [--json]`: the real monitor (src/main/core/monitor, the product's adapters
// and HTTP layer, driven only through the Monitor's public API) watching 5 healthy servers beside 20
// hostile ones, against the same monitor watching the 5 healthy ones alone, measured in the same run.
// - Simulators (test/sim) run in one child process; each monitor runs in a fresh child process of its
//   own, so its RSS and event-loop delay are the monitor's (plus Node and tsx), not the servers'.
// - Hostile = the failure modes of test/sim: hang, slow-drip, huge-body (100 MiB), wrong-types,
//   escape-codes, huge-numbers (1e308), random-500, invalid-json, wrong-content-type, http-500; two
//   servers each, over every server kind.
// Budget (issue): RSS within 10 % of the healthy-only run; event-loop delay p99 < 20 ms.
import { spawn, type ChildProcess } from 'node:child_process';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { adapterFor } from '../src/main/core/endpoints/index';
import { Monitor } from '../src/main/core/monitor/index';
import type { EndpointKind } from '../src/shared/status';
import type { FailureMode, startSimulator as StartSimulator } from '../test/sim/index';
import { DAEMON_NODE_FLAGS } from '../bin/daemon-node-flags.mjs';
import { table } from './stats';

const KINDS: EndpointKind[] = ['lmstudio', 'ollama', 'vllm', 'llamacpp', 'litellm', 'openai-compatible'];
const HEALTHY = 5;
const ALL_MODES: FailureMode[] = ['hang', 'slow-drip', 'huge-body', 'wrong-types', 'escape-codes', 'huge-numbers', 'random-500', 'invalid-json', 'wrong-content-type', 'http-500'];
const HOSTILE = 20;
/** `--modes a,b`: only these hostile modes (still 20 hostile servers), to find which one costs what. */
function modesFromArgs(argv: string[]): FailureMode[] {
  const arg = argv.find((a) => a.startsWith('--modes='));
  if (!arg) return ALL_MODES;
  const modes = arg.slice('--modes='.length).split(',').filter(Boolean) as FailureMode[];
  const unknown = modes.filter((m) => !ALL_MODES.includes(m));
  if (unknown.length || !modes.length) throw new Error(`--modes takes a comma-separated list of: ${ALL_MODES.join(', ')}`);
  return modes;
}
/** Identification, the first full probes and the first timeouts of hung servers happen before measuring. */
const WARMUP_MS = 15_000;
const WINDOW_MS = 30_000;
const RSS_SAMPLE_MS = 250;
const RESOLUTION_MS = 10;
const RSS_BUDGET = 0.1;
const P99_BUDGET_MS = 20;

/** The histogram records the whole interval between its timer's runs: the delay is what exceeds it. */
const delayMs = (ns: number) => Math.max(0, ns / 1e6 - RESOLUTION_MS);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface SimEndpoint {
  url: string;
  kind: EndpointKind;
  mode: FailureMode | null;
}

interface MonitorRun {
  endpoints: number;
  rssMaxMB: number;
  rssEndMB: number;
  heapUsedMB: number;
  loopP50: number;
  loopP99: number;
  loopMax: number;
  cpuPctOfCore: number;
  /** endpoint-changed events during the window (flapping shows here). */
  changes: number;
  probes: number;
  health: Record<string, number>;
  /** Of the healthy servers (the baseline's), how many the monitor shows up at the end. */
  watchedUp: number;
}

// ---- child: simulators -------------------------------------------------------------------------------

async function simsChild(modes: FailureMode[]): Promise<void> {
  // Non-literal path: keeps the simulators (TypeScript, fixture files) out of any bundle.
  const simPath = '../test/sim/index.ts';
  const { startSimulator } = (await import(simPath)) as { startSimulator: typeof StartSimulator };
  const sims = [];
  const out: SimEndpoint[] = [];
  for (let i = 0; i < HEALTHY + HOSTILE; i++) {
    const kind = KINDS[i % KINDS.length]!;
    const mode = i < HEALTHY ? null : modes[(i - HEALTHY) % modes.length]!;
    const sim = await startSimulator(kind, { loadDelayMs: 0 });
    if (mode) await sim.setFailure(mode);
    sims.push(sim);
    out.push({ url: sim.url, kind, mode });
  }
  process.stdout.write(JSON.stringify({ endpoints: out }) + '\n');
  // Until the parent says so or goes away (stdin closed).
  for await (const line of createInterface({ input: process.stdin })) if (line.trim() === 'exit') break;
  await Promise.all(sims.map((s) => s.close()));
  process.exit(0);
}

// ---- child: one monitor ------------------------------------------------------------------------------

async function monitorChild(urls: string[], watched: string[]): Promise<void> {
  const m = new Monitor({ adapterFor });
  // As a port scan finds them: no kind given, so identification by response bodies is exercised too.
  m.setEndpoints(urls.map((url) => ({ id: url, baseUrl: url, source: 'scan' as const })));
  let changes = 0;
  m.on('event', (ev) => {
    if (ev.type === 'endpoint-changed') changes++;
  });
  m.start();
  await sleep(WARMUP_MS);
  changes = 0;
  const h = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  let rssMax = process.memoryUsage().rss;
  const sampler = setInterval(() => (rssMax = Math.max(rssMax, process.memoryUsage().rss)), RSS_SAMPLE_MS);
  const probes0 = m.diagnostics().probes;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  h.enable();
  await sleep(WINDOW_MS);
  h.disable();
  const cpu = process.cpuUsage(cpu0);
  const wall = performance.now() - t0;
  clearInterval(sampler);
  const mem = process.memoryUsage();
  const health: Record<string, number> = {};
  for (const s of m.statuses()) health[s.health] = (health[s.health] ?? 0) + 1;
  const watchedUp = m.statuses().filter((s) => watched.includes(s.baseUrl) && s.health === 'up').length;
  const run: MonitorRun = {
    endpoints: urls.length,
    rssMaxMB: Math.max(rssMax, mem.rss) / 1048576,
    rssEndMB: mem.rss / 1048576,
    heapUsedMB: mem.heapUsed / 1048576,
    loopP50: delayMs(h.percentile(50)),
    loopP99: delayMs(h.percentile(99)),
    loopMax: delayMs(h.max),
    cpuPctOfCore: ((cpu.user + cpu.system) / 1000 / wall) * 100,
    changes,
    probes: m.diagnostics().probes - probes0,
    health,
    watchedUp,
  };
  await m.stop();
  process.stdout.write(JSON.stringify({ run }) + '\n');
  process.exit(0);
}

// ---- parent ------------------------------------------------------------------------------------------

function child(args: string[]): { proc: ChildProcess; next: () => Promise<Record<string, unknown>> } {
  const proc = spawn(process.execPath, [...(args[0] === '--monitor' ? DAEMON_NODE_FLAGS : []), '--import', 'tsx', resolve(import.meta.dirname, 'hostile.ts'), ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
  const queue: Record<string, unknown>[] = [];
  const waiters: ((m: Record<string, unknown>) => void)[] = [];
  createInterface({ input: proc.stdout! }).on('line', (line) => {
    let msg: Record<string, unknown>;
    try {
      msg = JSON.parse(line) as Record<string, unknown>;
    } catch {
      return;
    }
    const w = waiters.shift();
    if (w) w(msg);
    else queue.push(msg);
  });
  const exited = new Promise<never>((_, rej) => proc.once('exit', (code) => rej(new Error(`bench child ${args.join(' ')} exited (${code}) before answering`))));
  exited.catch(() => undefined);
  const next = () => {
    const queued = queue.shift();
    if (queued) return Promise.resolve(queued);
    return Promise.race([new Promise<Record<string, unknown>>((r) => waiters.push(r)), exited]);
  };
  return { proc, next };
}

async function runMonitor(urls: string[], healthyUrls: string[]): Promise<MonitorRun> {
  const c = child(['--monitor', JSON.stringify(urls), JSON.stringify(healthyUrls)]);
  const msg = await c.next();
  return msg.run as MonitorRun;
}

export interface HostileBenchResult {
  setup: string;
  /** The same child with no endpoint: Node + tsx + the machine's own noise (other processes on the cores). */
  floor: MonitorRun;
  healthy: MonitorRun;
  hostile: MonitorRun;
  modes: { url: string; kind: string; mode: string }[];
  targets: { metric: string; measured: string; target: string; pass: boolean }[];
}

export async function runHostileBench(argv: string[] = process.argv): Promise<HostileBenchResult> {
  const modes = modesFromArgs(argv);
  const sims = child(['--sims', modes.join(',')]);
  try {
    const endpoints = (await sims.next()).endpoints as SimEndpoint[];
    const healthyUrls = endpoints.filter((e) => e.mode === null).map((e) => e.url);
    const floor = await runMonitor([], []);
    const healthy = await runMonitor(healthyUrls, healthyUrls);
    const hostile = await runMonitor(endpoints.map((e) => e.url), healthyUrls);
    const rssRatio = hostile.rssMaxMB / healthy.rssMaxMB - 1;
    return {
      setup: `${HEALTHY} healthy + ${HOSTILE} hostile test/sim servers (${modes.join(', ')}; ${HOSTILE / modes.length} each, kinds mixed) in a child process; each monitor in a fresh child process (real clock, default settings, kinds found by identification), ${WARMUP_MS / 1000} s warm-up then a ${WINDOW_MS / 1000} s window; baseline: the same monitor over the ${HEALTHY} healthy servers alone`,
      floor,
      healthy,
      hostile,
      modes: endpoints.map((e) => ({ url: e.url, kind: e.kind, mode: e.mode ?? 'healthy' })),
      targets: [
        { metric: `RSS (max over the window), ${HEALTHY} healthy + ${HOSTILE} hostile vs ${HEALTHY} healthy`, measured: `${hostile.rssMaxMB.toFixed(1)} MB vs ${healthy.rssMaxMB.toFixed(1)} MB (${rssRatio >= 0 ? '+' : ''}${(rssRatio * 100).toFixed(1)} %)`, target: `within ${RSS_BUDGET * 100} %`, pass: rssRatio <= RSS_BUDGET },
        { metric: `event-loop delay p99, ${HEALTHY} healthy + ${HOSTILE} hostile`, measured: `${hostile.loopP99.toFixed(2)} ms (healthy only ${healthy.loopP99.toFixed(2)} ms, noise floor ${floor.loopP99.toFixed(2)} ms)`, target: `< ${P99_BUDGET_MS} ms`, pass: hostile.loopP99 < P99_BUDGET_MS },
        { metric: `healthy servers still up beside the hostile ones`, measured: `${hostile.watchedUp} of ${HEALTHY} up (healthy-only run: ${healthy.watchedUp})`, target: `${HEALTHY} of ${HEALTHY}`, pass: hostile.watchedUp === HEALTHY },
      ],
    };
  } finally {
    sims.proc.stdin!.write('exit\n');
    await new Promise((r) => sims.proc.once('exit', r));
  }
}

export async function benchHostile(opts: { json: boolean }): Promise<void> {
  const r = await runHostileBench();
  if (opts.json) {
    console.log(JSON.stringify(r, null, 2));
    return;
  }
  console.log(`${r.setup}.\n`);
  const row = (label: string, x: MonitorRun) => ({
    monitor: label,
    'RSS max MB': x.rssMaxMB.toFixed(1),
    'heap MB': x.heapUsedMB.toFixed(1),
    'loop p50 ms': x.loopP50.toFixed(2),
    'p99 ms': x.loopP99.toFixed(2),
    'max ms': x.loopMax.toFixed(2),
    'CPU % core': x.cpuPctOfCore.toFixed(2),
    probes: x.probes,
    'state changes': x.changes,
    health: Object.entries(x.health)
      .map(([k, v]) => `${v} ${k}`)
      .join(', '),
  });
  console.log(table([row('no endpoint (noise floor of this machine)', r.floor), row(`${r.healthy.endpoints} healthy (baseline)`, r.healthy), row(`${HEALTHY} healthy + ${HOSTILE} hostile`, r.hostile)]));
  console.log('');
  console.log(table(r.targets.map((t) => ({ metric: t.metric, measured: t.measured, target: t.target, result: t.pass ? 'PASS' : 'FAIL' }))));
}

// ---- entry as a child process -------------------------------------------------------------------------

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  const args = process.argv.slice(2);
  if (args[0] === '--sims') await simsChild(args[1]!.split(',') as FailureMode[]);
  else if (args[0] === '--monitor') await monitorChild(JSON.parse(args[1]!) as string[], JSON.parse(args[2]!) as string[]);
}
