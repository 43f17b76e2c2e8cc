// `npm run bench -- poll [--json]`: the monitor at scale and at rest, on the real clock.
// - 200 endpoints: simulators from test/sim (a mix of all six kinds) running in a CHILD process, so the
//   event-loop delay measured here is the monitor's own (plus its HTTP client), not the servers'.
// - Idle daemon: the real `warmclaw daemon` process (bin/warmclaw.mjs, as a user starts it) with a temp
//   HOME and an openclaw.json naming 5 of those endpoints: CPU share of one core and RSS over 20 s,
//   read from outside (/proc). `--idle-only` runs just this part.
// - Death detection: a server stops (its listener closes and its connections drop, as when the process
//   exits) and we time until `endpoint-changed` says down, at default settings (liveness watch on),
//   beside the same monitor with the watch off (what plain 15 s polling gives).
//   Beside it, in the same run: a bare Node process with the same V8 flags (the floor any Node daemon
//   pays), the same daemon with no endpoint, and without the lean flags.
// Targets (issue): loop delay p99 < 20 ms; idle CPU < 0.5 % of a core; idle RSS < 110 MB (issue 10: the
// card's undici, undici WebSocket and conf; docs/decisions/0006-card-libraries.md); death → state change ≤ 2 s.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { adapterFor } from '../src/main/core/endpoints/index';
import { Monitor, type MonitoredEndpoint } from '../src/main/core/monitor/index';
import type { EndpointKind, MonitorEvent } from '../src/shared/status';
import type { startSimulator as StartSimulator } from '../test/sim/index';
import { DAEMON_NODE_FLAGS } from '../bin/daemon-node-flags.mjs';
import { table } from './stats';

const KINDS: EndpointKind[] = ['lmstudio', 'ollama', 'vllm', 'llamacpp', 'litellm', 'openai-compatible'];
const SCALE = 200;
const WINDOW_MS = 20_000;
const IDLE_ENDPOINTS = 5;
/** The idle daemon measures after this long (first probes, connection set-up and lazy compilation are done). */
/**
 * The idle daemon measures after this long: first probes, connection set-up, lazy compilation, and the
 * monitor's settling (3 fast probes, 4 slow ones at 15 s, then one a minute: schedule.ts "quiet").
 */
const IDLE_WARMUP_MS = 80_000;
/** The idle window: long enough for CPU ticks (10 ms each) to resolve 0.05 % of a core. */
const IDLE_WINDOW_MS = 60_000;
/** Idle CPU target (issue 13 part 9), with and without failing endpoints. */
const IDLE_CPU_TARGET_PCT = 0.3;
const TRIALS = 8;
/** Idle RSS budget of the headless daemon with IDLE_ENDPOINTS endpoints (issue 10; was 80 MB, decision 0003). */
export const IDLE_RSS_BUDGET_MB = 110;
const BASELINE_TRIALS = 3;

const RESOLUTION_MS = 10;
/** The histogram records the whole interval between its timer's runs: the delay is what exceeds the interval. */
const delayMs = (ns: number) => Math.max(0, ns / 1e6 - RESOLUTION_MS);
const stamp = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---- child: simulators -------------------------------------------------------------------------------

async function simsChild(n: number): Promise<void> {
  // Non-literal path: keeps the simulators (TypeScript, fixture files) out of the esbuild bundle.
  const simPath = '../test/sim/index.ts';
  const { startSimulator } = (await import(simPath)) as { startSimulator: typeof StartSimulator };
  const sims = [];
  for (let i = 0; i < n; i++) sims.push(await startSimulator(KINDS[i % KINDS.length]!, { loadDelayMs: 0, loaded: [] }));
  process.stdout.write(JSON.stringify({ endpoints: sims.map((s) => ({ url: s.url, kind: s.kind })) }) + '\n');
  const rl = createInterface({ input: process.stdin });
  for await (const line of rl) {
    const [cmd, arg] = line.trim().split(/\s+/);
    const sim = sims[Number(arg)];
    if (cmd === 'die' && sim) {
      const at = stamp();
      await sim.setFailure('refuse');
      process.stdout.write(JSON.stringify({ ack: 'die', i: Number(arg), at }) + '\n');
    } else if (cmd === 'live' && sim) {
      await sim.setFailure(null);
      process.stdout.write(JSON.stringify({ ack: 'live', i: Number(arg) }) + '\n');
    } else if (cmd === 'fail500' && sim) {
      await sim.setFailure('http-500');
      process.stdout.write(JSON.stringify({ ack: 'fail500', i: Number(arg) }) + '\n');
    } else if (cmd === 'stats') {
      const perSim = sims.map((s) => s.stats().requests);
      process.stdout.write(JSON.stringify({ ack: 'stats', requests: perSim.reduce((a, b) => a + b, 0), perSim }) + '\n');
    } else if (cmd === 'exit') {
      break;
    }
  }
  // Asked to exit, or the parent went away (stdin closed).
  await Promise.all(sims.map((s) => s.close()));
  process.exit(0);
}

export class SimsProcess {
  private readonly child: ChildProcess;
  private readonly waiting: ((msg: Record<string, unknown>) => boolean)[] = [];
  endpoints: { url: string; kind: EndpointKind }[] = [];

  constructor(n: number) {
    this.child = spawn(process.execPath, ['--import', 'tsx', resolve(import.meta.dirname, 'poll.ts'), '--sims', String(n)], { stdio: ['pipe', 'pipe', 'inherit'] });
    const rl = createInterface({ input: this.child.stdout! });
    rl.on('line', (line) => {
      let msg: Record<string, unknown>;
      try {
        msg = JSON.parse(line) as Record<string, unknown>;
      } catch {
        return;
      }
      const i = this.waiting.findIndex((w) => w(msg));
      if (i >= 0) this.waiting.splice(i, 1);
    });
  }

  private next(pred: (m: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> {
    return new Promise((r) => this.waiting.push((m) => (pred(m) ? (r(m), true) : false)));
  }

  async ready(): Promise<void> {
    const m = await this.next((x) => Array.isArray(x.endpoints));
    this.endpoints = m.endpoints as { url: string; kind: EndpointKind }[];
  }

  async send(cmd: string, i = 0): Promise<Record<string, unknown>> {
    const p = this.next((x) => x.ack === cmd);
    this.child.stdin!.write(`${cmd} ${i}\n`);
    return p;
  }

  async exit(): Promise<void> {
    this.child.stdin!.write('exit 0\n');
    await new Promise((r) => this.child.once('exit', r));
  }
}

// ---- the real daemon, idle ---------------------------------------------------------------------------

/** A provider block for openclaw.json pointing at one simulator (Ollama's native API has no /v1). */
function providerFor(e: { url: string; kind: EndpointKind }, i: number): string {
  const ollama = e.kind === 'ollama';
  const model = e.kind === 'lmstudio' ? 'qwen2-vl-7b-instruct' : `model-${i}`;
  return `    sim${i}: { baseUrl: "${ollama ? e.url : `${e.url}/v1`}", api: "${ollama ? 'ollama' : 'openai-completions'}", apiKey: "local", models: [{ id: "${model}", name: "${model}", contextWindow: 32768, maxTokens: 4096 }] },`;
}

/** RSS (bytes) and CPU time (ms) of another process, from /proc (Linux) or `ps` (CPU unknown there). */
function sampleProcess(pid: number): { rss: number; cpuMs: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rss = Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) * 1024;
    // Fields after the command name "(...)": state is field 3; utime and stime are 14 and 15.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(f[11]) + Number(f[12]);
    return { rss, cpuMs: (ticks * 1000) / CLOCK_TICKS };
  } catch {
    const r = spawnSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' });
    return { rss: Number(r.stdout.trim()) * 1024, cpuMs: NaN };
  }
}
const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

/**
 * `warmclaw daemon` exactly as a user starts it (bin/warmclaw.mjs: esbuild bundle, lean V8 flags via
 * execve, so the pid stays the same), with a temp HOME, data folder and openclaw.json whose local
 * providers are `urls` (the first LM Studio model is the primary, so the keeper runs too), no port scan.
 * Measured from outside after the warm-up: RSS (max of samples every 2 s) and CPU share of one core.
 */
export async function runDaemonIdle(urls: { url: string; kind: EndpointKind }[], sims: SimsProcess, nodeFlags?: string[]): Promise<{ cpuPctOfCore: number; rssMB: number; maxRssMB: number; requests: number; endpointsUp: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'warmclaw-bench-poll-'));
  const config = join(dir, 'openclaw.json');
  const lms = urls.findIndex((u) => u.kind === 'lmstudio');
  writeFileSync(
    config,
    `{\n  models: { mode: "merge", providers: {\n${urls.map(providerFor).join('\n')}\n  } },\n  agents: { defaults: { model: { primary: "${lms >= 0 ? `sim${lms}/qwen2-vl-7b-instruct` : 'anthropic/claude-opus-4-6'}" } } },\n}\n`,
  );
  mkdirSync(join(dir, 'data'), { recursive: true });
  writeFileSync(join(dir, 'data', 'settings.json'), JSON.stringify({ scan: { enabled: false, ports: [] } }));
  const bin = resolve(import.meta.dirname, '..', 'bin', 'warmclaw.mjs');
  // With explicit flags, WARMCLAW_DAEMON_TUNED=1 makes bin/warmclaw.mjs skip its re-exec with its own flags.
  const daemon = spawn(process.execPath, [...(nodeFlags ?? []), bin, 'daemon'], {
    env: { PATH: process.env.PATH, HOME: dir, WARMCLAW_DATA_DIR: join(dir, 'data'), OPENCLAW_CONFIG_PATH: config, ...(nodeFlags ? { WARMCLAW_DAEMON_TUNED: '1' } : {}) },
    stdio: ['ignore', 'ignore', 'ignore'],
  });
  // Endpoint health from the daemon's JSON log file (the terminal gets only a status line since the
  // daemon logs there only with --verbose, which would add its own cost).
  const endpointsUp = (): number => {
    const health = new Map<string, string>();
    let text: string;
    try {
      text = readFileSync(join(dir, 'data', 'logs', 'daemon.log'), 'utf8');
    } catch {
      return 0;
    }
    for (const line of text.split('\n')) {
      try {
        const msg = JSON.parse(line) as { msg?: string; id?: string; health?: string };
        if (msg.msg === 'endpoint' && msg.id && msg.health) health.set(msg.id, msg.health);
      } catch {
        // not a log line
      }
    }
    return [...health.values()].filter((h) => h === 'up').length;
  };
  const exitedP = new Promise((r) => daemon.once('exit', r));
  try {
    await sleep(IDLE_WARMUP_MS);
    if (daemon.exitCode !== null) throw new Error(`the daemon exited early (code ${daemon.exitCode})`);
    const pid = daemon.pid!;
    const counted = (m: Record<string, unknown>) => urls.reduce((a, u) => a + ((m.perSim as number[])[sims.endpoints.indexOf(u)] ?? 0), 0);
    const req0 = counted(await sims.send('stats'));
    const s0 = sampleProcess(pid);
    const t0 = performance.now();
    let maxRss = s0.rss;
    const sampler = setInterval(() => (maxRss = Math.max(maxRss, sampleProcess(pid).rss)), 2_000);
    await sleep(IDLE_WINDOW_MS);
    clearInterval(sampler);
    const s1 = sampleProcess(pid);
    const wall = performance.now() - t0;
    const req1 = counted(await sims.send('stats'));
    return { cpuPctOfCore: ((s1.cpuMs - s0.cpuMs) / wall) * 100, rssMB: s1.rss / 1048576, maxRssMB: Math.max(maxRss, s1.rss) / 1048576, requests: req1 - req0, endpointsUp: endpointsUp() };
  } finally {
    daemon.kill('SIGTERM');
    await Promise.race([exitedP, sleep(10_000)]);
    if (daemon.exitCode === null) daemon.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The floor: a bare Node process (same binary, the daemon's V8 flags) doing nothing but a 1 s timer. */
async function runBareNode(): Promise<{ cpuPctOfCore: number; rssMB: number }> {
  const child = spawn(process.execPath, [...DAEMON_NODE_FLAGS, '-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  const exitedP = new Promise((r) => child.once('exit', r));
  try {
    await sleep(3_000);
    const pid = child.pid!;
    const s0 = sampleProcess(pid);
    const t0 = performance.now();
    let maxRss = s0.rss;
    for (let i = 0; i < 4; i++) {
      await sleep(2_000);
      maxRss = Math.max(maxRss, sampleProcess(pid).rss);
    }
    const s1 = sampleProcess(pid);
    return { cpuPctOfCore: ((s1.cpuMs - s0.cpuMs) / (performance.now() - t0)) * 100, rssMB: maxRss / 1048576 };
  } finally {
    child.kill('SIGTERM');
    await Promise.race([exitedP, sleep(5_000)]);
  }
}

// ---- parent ------------------------------------------------------------------------------------------

function waitFor(m: Monitor, pred: (ev: MonitorEvent) => boolean, timeoutMs: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      m.off('event', on);
      resolve(undefined);
    }, timeoutMs);
    const on = (ev: MonitorEvent) => {
      if (!pred(ev)) return;
      clearTimeout(timer);
      m.off('event', on);
      resolve(stamp());
    };
    m.on('event', on);
  });
}

const isState = (id: string, health: string) => (ev: MonitorEvent) => ev.type === 'endpoint-changed' && ev.endpoint.id === id && ev.endpoint.health === health;

async function deathTrials(m: Monitor, sims: SimsProcess, indices: number[], timeoutMs: number): Promise<number[]> {
  const out: number[] = [];
  for (const i of indices) {
    const id = sims.endpoints[i]!.url;
    if (m.status(id)?.health !== 'up') await waitFor(m, isState(id, 'up'), 30_000);
    await sleep(1_000 + Math.random() * 1_000); // die at a random point of the poll cycle
    const down = waitFor(m, isState(id, 'down'), timeoutMs);
    const ack = await sims.send('die', i);
    const at = await down;
    out.push(at === undefined ? Infinity : at - (ack.at as number));
    const up = waitFor(m, isState(id, 'up'), 30_000);
    await sims.send('live', i);
    await up;
  }
  return out;
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
};

interface Percentiles {
  p50: number;
  p99: number;
  max: number;
}

interface ScaleWindow {
  loopDelayMs: Percentiles;
  cpuPctOfCore: number;
  rssMB: number;
  endpointsUp: number;
  serverRequestsPerSec: number;
}

export interface PollBenchResult {
  scale?: { endpoints: number; windowMs: number; idleFloorMs: Percentiles; start: ScaleWindow; steady: ScaleWindow };
  idle?: IdleResult;
  death?: { trials: number; msP50: number; msMax: number; samplesMs: number[]; baselineNoWatchMs: number[] };
  targets: { metric: string; measured: string; target: string; pass: boolean }[];
  setup: string;
}

interface IdleRun {
  endpoints: number;
  cpuPctOfCore: number;
  maxRssMB: number;
  /** HTTP requests the daemon's simulators received during the window. */
  requests: number;
  endpointsUp: number;
}

interface IdleResult extends IdleRun {
  windowMs: number;
  rssMB: number;
  /** The same daemon with 2 of its 5 endpoints failing: one refuses connections, one answers HTTP 500. */
  failing: IdleRun;
  emptyProcess: { cpuPctOfCore: number; rssMB: number };
  withoutFlags: { cpuPctOfCore: number; rssMB: number };
  /** A bare Node process with the same flag, measured in the same run: the floor. */
  bareNode: { cpuPctOfCore: number; rssMB: number };
  budgetMB: number;
}

/** Simulators the idle bench needs: 5 for the daemon, 5 for the failing variant, 5 for the flagless one. */
const IDLE_SIMS = 3 * IDLE_ENDPOINTS;

/**
 * The real daemon over IDLE_ENDPOINTS simulators; beside it, in parallel (each on simulators of its
 * own, so request counts are its own): the same with 2 endpoints failing, with no endpoint, without
 * the lean flags, and a bare Node process. They sit idle, so running side by side costs no accuracy.
 */
async function idleBench(sims: SimsProcess): Promise<IdleResult> {
  const urls = sims.endpoints.slice(0, IDLE_ENDPOINTS);
  const failingUrls = sims.endpoints.slice(IDLE_ENDPOINTS, 2 * IDLE_ENDPOINTS);
  const plainUrls = sims.endpoints.slice(2 * IDLE_ENDPOINTS, 3 * IDLE_ENDPOINTS);
  // The last two of the failing set: one refuses connections (down), one answers 500 (degraded).
  await sims.send('die', 2 * IDLE_ENDPOINTS - 2);
  await sims.send('fail500', 2 * IDLE_ENDPOINTS - 1);
  try {
    const [bare, empty, res, failing, plain] = await Promise.all([runBareNode(), runDaemonIdle([], sims), runDaemonIdle(urls, sims), runDaemonIdle(failingUrls, sims), runDaemonIdle(plainUrls, sims, [])]);
    return {
      endpoints: urls.length,
      windowMs: IDLE_WINDOW_MS,
      cpuPctOfCore: res.cpuPctOfCore,
      rssMB: res.rssMB,
      maxRssMB: res.maxRssMB,
      requests: res.requests,
      endpointsUp: res.endpointsUp,
      failing: { endpoints: failingUrls.length, cpuPctOfCore: failing.cpuPctOfCore, maxRssMB: failing.maxRssMB, requests: failing.requests, endpointsUp: failing.endpointsUp },
      emptyProcess: { cpuPctOfCore: empty.cpuPctOfCore, rssMB: empty.maxRssMB },
      withoutFlags: { cpuPctOfCore: plain.cpuPctOfCore, rssMB: plain.maxRssMB },
      bareNode: bare,
      budgetMB: IDLE_RSS_BUDGET_MB,
    };
  } finally {
    await sims.send('live', 2 * IDLE_ENDPOINTS - 2);
    await sims.send('live', 2 * IDLE_ENDPOINTS - 1);
  }
}

const idleTargets = (idle: IdleResult) => [
  { metric: `idle CPU, real daemon, ${idle.endpoints} endpoints`, measured: `${idle.cpuPctOfCore.toFixed(3)} % of a core`, target: `< ${IDLE_CPU_TARGET_PCT} %`, pass: idle.cpuPctOfCore < IDLE_CPU_TARGET_PCT },
  {
    metric: `idle CPU, real daemon, ${idle.failing.endpoints} endpoints, 2 failing`,
    measured: `${idle.failing.cpuPctOfCore.toFixed(3)} % of a core (${idle.failing.requests} requests in ${idle.windowMs / 1000} s)`,
    target: `< ${IDLE_CPU_TARGET_PCT} %`,
    pass: idle.failing.cpuPctOfCore < IDLE_CPU_TARGET_PCT && idle.failing.endpointsUp === idle.failing.endpoints - 2,
  },
  {
    metric: `idle RSS, real daemon, ${idle.endpoints} endpoints`,
    measured: `${idle.maxRssMB.toFixed(1)} MB (${idle.endpointsUp} up; bare Node ${idle.bareNode.rssMB.toFixed(1)} MB, so +${(idle.maxRssMB - idle.bareNode.rssMB).toFixed(1)} MB)`,
    target: `< ${idle.budgetMB} MB`,
    pass: idle.maxRssMB < idle.budgetMB && idle.endpointsUp === idle.endpoints,
  },
];

/** `npm run bench -- poll --idle-only`: only the idle daemon (5 simulators, about a minute and a half). */
async function runIdleOnly(): Promise<PollBenchResult> {
  const sims = new SimsProcess(IDLE_SIMS);
  await sims.ready();
  try {
    const idle = await idleBench(sims);
    return { idle, targets: idleTargets(idle), setup: IDLE_SETUP };
  } finally {
    await sims.exit();
  }
}

const IDLE_SETUP = `idle daemon = \`warmclaw daemon\` as shipped (bin/warmclaw.mjs: esbuild bundle + lean V8 flags), temp HOME and data folder, openclaw.json with ${IDLE_ENDPOINTS} simulator providers (LM Studio model primary), no port scan; measured from outside via /proc over ${IDLE_WINDOW_MS / 1000} s after ${IDLE_WARMUP_MS / 1000} s warm-up; beside it, run in parallel on simulators of their own: 2 of 5 endpoints failing, no endpoint, no lean flags, bare Node`;

type ScaleResult = NonNullable<PollBenchResult['scale']>;

/** 200 endpoints, default settings: the first window from start (every kind unknown), then steady state. */
async function scaleBench(sims: SimsProcess): Promise<{ m: Monitor; scale: ScaleResult }> {
  const endpoints: MonitoredEndpoint[] = sims.endpoints.map((e) => ({ id: e.url, baseUrl: e.url, source: 'scan' }));
  const m = new Monitor({ adapterFor });
  m.setEndpoints(endpoints);
  // Noise floor: the same histogram over an idle window of this process before the monitor starts.
  const floor = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  floor.enable();
  await sleep(5_000);
  floor.disable();
  const window = async (run?: () => void): Promise<ScaleWindow> => {
    const h = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
    const req0 = (await sims.send('stats')).requests as number;
    h.enable();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    run?.();
    await sleep(WINDOW_MS);
    const cpu = process.cpuUsage(cpu0);
    const wall = performance.now() - t0;
    h.disable();
    const req1 = (await sims.send('stats')).requests as number;
    return {
      loopDelayMs: { p50: delayMs(h.percentile(50)), p99: delayMs(h.percentile(99)), max: delayMs(h.max) },
      cpuPctOfCore: ((cpu.user + cpu.system) / 1000 / wall) * 100,
      rssMB: process.memoryUsage().rss / 1048576,
      endpointsUp: m.statuses().filter((s) => s.health === 'up').length,
      serverRequestsPerSec: ((req1 - req0) / wall) * 1000,
    };
  };
  // From start (every kind unknown: identification by response bodies), then steady state.
  const startWin = await window(() => m.start());
  const steadyWin = await window();
  const scale: ScaleResult = {
    endpoints: SCALE,
    windowMs: WINDOW_MS,
    idleFloorMs: { p50: delayMs(floor.percentile(50)), p99: delayMs(floor.percentile(99)), max: delayMs(floor.max) },
    start: startWin,
    steady: steadyWin,
  };
  return { m, scale };
}

const scaleTargets = (scale: ScaleResult) => [
  { metric: `event-loop delay p99, ${SCALE} endpoints, first ${WINDOW_MS / 1000} s (identification)`, measured: `${scale.start.loopDelayMs.p99.toFixed(2)} ms (noise floor ${scale.idleFloorMs.p99.toFixed(2)} ms)`, target: '< 20 ms', pass: scale.start.loopDelayMs.p99 < 20 },
  { metric: `event-loop delay p99, ${SCALE} endpoints, steady state`, measured: `${scale.steady.loopDelayMs.p99.toFixed(2)} ms`, target: '< 20 ms', pass: scale.steady.loopDelayMs.p99 < 20 },
];

/** `npm run bench -- poll --scale-only`: only the 200-endpoint windows (about 50 s). */
async function runScaleOnly(): Promise<PollBenchResult> {
  const sims = new SimsProcess(SCALE);
  await sims.ready();
  try {
    const { m, scale } = await scaleBench(sims);
    await m.stop();
    return { scale, targets: scaleTargets(scale), setup: `${SCALE} test/sim simulators (${KINDS.join(', ')}) in a child process; real clock, default settings` };
  } finally {
    await sims.exit();
  }
}

export async function runPollBench(): Promise<PollBenchResult> {
  if (process.argv.includes('--idle-only')) return runIdleOnly();
  if (process.argv.includes('--scale-only')) return runScaleOnly();
  const sims = new SimsProcess(SCALE);
  await sims.ready();
  try {
    // 1. 200 endpoints, default settings.
    const { m, scale } = await scaleBench(sims);

    // 2. Death → state change, default settings (the 200-endpoint monitor), one trial per kind and more.
    const picks = Array.from({ length: TRIALS }, (_, k) => (k * 37 + 5) % SCALE);
    const samples = await deathTrials(m, sims, picks, 60_000);
    await m.stop();

    // Baseline: the same monitor without the liveness watch (plain polling, 15 s when stable).
    const base = new Monitor({ adapterFor, liveness: false });
    const basePicks = picks.slice(0, BASELINE_TRIALS);
    base.setEndpoints(basePicks.map((i) => ({ id: sims.endpoints[i]!.url, baseUrl: sims.endpoints[i]!.url, source: 'scan' as const })));
    base.start();
    await sleep(8_000); // past the "recently changed" fast phase, into the stable 15 s interval
    const baseline = await deathTrials(base, sims, basePicks, 60_000);
    await base.stop();

    const idle = await idleBench(sims);
    const death = { trials: samples.length, msP50: pct(samples, 0.5), msMax: Math.max(...samples), samplesMs: samples.map((x) => Number(x.toFixed(1))), baselineNoWatchMs: baseline.map((x) => Number(x.toFixed(0))) };
    const targets = [
      ...scaleTargets(scale),
      ...idleTargets(idle),
      { metric: `server death → state change (max of ${samples.length})`, measured: `${death.msMax.toFixed(1)} ms (p50 ${death.msP50.toFixed(1)} ms)`, target: '≤ 2000 ms', pass: death.msMax <= 2000 },
    ];
    return {
      scale,
      idle,
      death,
      targets,
      setup: `${SCALE} test/sim simulators (${KINDS.join(', ')}) in a child process; real clock, default settings; ${IDLE_SETUP}`,
    };
  } finally {
    await sims.exit();
  }
}

export async function benchPoll(opts: { json: boolean }): Promise<void> {
  const r = await runPollBench();
  if (opts.json) {
    console.log(JSON.stringify(r, null, 2));
    return;
  }
  console.log(`${r.setup}.\n`);
  if (r.scale) printScale(r.scale);
  if (r.idle) {
    const idle = r.idle;
    console.log(
      table([
        { process: `idle daemon, ${idle.endpoints} endpoints (${idle.endpointsUp} up, ${idle.requests} requests in ${idle.windowMs / 1000} s)`, 'CPU % core': idle.cpuPctOfCore.toFixed(3), 'RSS MB': idle.maxRssMB.toFixed(1) },
        { process: `same, 2 of ${idle.failing.endpoints} failing (refused, HTTP 500; ${idle.failing.endpointsUp} up, ${idle.failing.requests} requests)`, 'CPU % core': idle.failing.cpuPctOfCore.toFixed(3), 'RSS MB': idle.failing.maxRssMB.toFixed(1) },
        { process: 'same daemon without the lean V8 flags (plain node, naive)', 'CPU % core': idle.withoutFlags.cpuPctOfCore.toFixed(3), 'RSS MB': idle.withoutFlags.rssMB.toFixed(1) },
        { process: 'same daemon, no endpoint (Node + loaded modules)', 'CPU % core': idle.emptyProcess.cpuPctOfCore.toFixed(3), 'RSS MB': idle.emptyProcess.rssMB.toFixed(1) },
        { process: 'bare Node, same V8 flags, a 1 s timer (baseline: the floor)', 'CPU % core': idle.bareNode.cpuPctOfCore.toFixed(3), 'RSS MB': idle.bareNode.rssMB.toFixed(1) },
      ]),
    );
    console.log('');
  }
  if (r.death) {
    console.log(
      table([
        { detection: 'liveness watch (default)', trials: r.death.trials, 'ms each': r.death.samplesMs.join(', ') },
        { detection: 'polling only (watch off, naive)', trials: r.death.baselineNoWatchMs.length, 'ms each': r.death.baselineNoWatchMs.join(', ') },
      ]),
    );
    console.log('');
  }
  console.log(table(r.targets.map((t) => ({ metric: t.metric, measured: t.measured, target: t.target, result: t.pass ? 'PASS' : 'FAIL' }))));
}

function printScale(scale: NonNullable<PollBenchResult['scale']>): void {
  const ms = (x: number) => x.toFixed(2);
  const row = (label: string, w: ScaleWindow) => ({ measurement: label, 'loop delay p50 ms': ms(w.loopDelayMs.p50), 'p99 ms': ms(w.loopDelayMs.p99), 'max ms': ms(w.loopDelayMs.max), 'CPU % core': w.cpuPctOfCore.toFixed(2), 'RSS MB': w.rssMB.toFixed(1), up: `${w.endpointsUp}/${scale.endpoints}`, 'server req/s': w.serverRequestsPerSec.toFixed(1) });
  console.log(
    table([
      { measurement: 'this process before the monitor starts (noise floor)', 'loop delay p50 ms': ms(scale.idleFloorMs.p50), 'p99 ms': ms(scale.idleFloorMs.p99), 'max ms': ms(scale.idleFloorMs.max), 'CPU % core': '', 'RSS MB': '', up: '', 'server req/s': '' },
      row(`${scale.endpoints} endpoints, first ${scale.windowMs / 1000} s (kinds identified)`, scale.start),
      row(`${scale.endpoints} endpoints, next ${scale.windowMs / 1000} s (steady)`, scale.steady),
    ]),
  );
  console.log('');
}

// ---- entry as a child process -------------------------------------------------------------------------

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  const args = process.argv.slice(2);
  if (args[0] === '--sims') await simsChild(Number(args[1]));
}
