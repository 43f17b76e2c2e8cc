// `npm run sim`: the five local LLM servers Warmclaw watches, simulated on their default ports (a
// random one when a port is taken), with real-time loads and TTLs, so the app, the CLI and the web UI
// can be tried without a GPU. Model loads and unloads are printed as they happen. Ctrl-C stops all.
import { DEFAULT_PORTS, startSimulator, type SimKind, type SimOptions, type Simulator } from '../test/sim/index';

interface Plan {
  kind: SimKind;
  label: string;
  opts: SimOptions;
  notes: string;
  apiPath: string;
}

const MIN = 60_000;

const plans: Plan[] = [
  { kind: 'lmstudio', label: 'LM Studio', opts: { loadDelayMs: 2500, idleTtlMs: 10 * MIN }, notes: 'JIT load 2.5 s, idle TTL 10 min, Auto-Evict', apiPath: '/v1' },
  { kind: 'ollama', label: 'Ollama', opts: { loadDelayMs: 2000 }, notes: 'load 2 s, keep_alive 5m, num_ctx reloads', apiPath: '' },
  { kind: 'vllm', label: 'vLLM', opts: { loadDelayMs: 3000, sleepMode: true, waitUntilReady: false }, notes: 'port opens after a 3 s startup load; /sleep, /wake_up', apiPath: '/v1' },
  { kind: 'llamacpp', label: 'llama.cpp', opts: { loadDelayMs: 2000, idleTtlMs: 10 * MIN, waitUntilReady: false }, notes: '503 while loading; --sleep-idle-seconds 600', apiPath: '/v1' },
  { kind: 'litellm', label: 'LiteLLM', opts: {}, notes: 'proxies the vLLM simulator; GET /health calls every model', apiPath: '/v1' },
  { kind: 'llamaswap', label: 'llama-swap', opts: { loadDelayMs: 2000, idleTtlMs: 5 * MIN }, notes: 'starts a model on first use (2 s), ttl 300 s; /running, /upstream', apiPath: '/v1' },
];

async function start(p: Plan, extra: SimOptions): Promise<{ sim: Simulator; moved: boolean }> {
  const opts = { ...p.opts, ...extra };
  try {
    return { sim: await startSimulator(p.kind, { ...opts, port: DEFAULT_PORTS[p.kind] }), moved: false };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw e;
    console.log(`  port ${DEFAULT_PORTS[p.kind]} (${p.label}) is busy - using a random free port instead`);
    return { sim: await startSimulator(p.kind, { ...opts, port: 0 }), moved: true };
  }
}

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

function describeState(sim: Simulator): string {
  const loaded = sim.state().loaded;
  if (!loaded.length) return 'nothing loaded';
  return loaded
    .map((m) => {
      const bits = [m.contextLength ? `ctx ${m.contextLength}` : '', m.loading ? 'loading' : '', m.sleeping ? 'asleep' : ''];
      if (m.expiresAt !== undefined) bits.push(`unloads at ${new Date(m.expiresAt).toLocaleTimeString()}`);
      return `${m.id} (${bits.filter(Boolean).join(', ')})`;
    })
    .join('; ');
}

async function main(): Promise<void> {
  console.log('Starting simulated local LLM servers on 127.0.0.1 …');
  const sims = new Map<SimKind, Simulator>();
  for (const p of plans) {
    const extra: SimOptions = p.kind === 'litellm' ? { upstream: sims.get('vllm') } : {};
    const { sim } = await start(p, extra);
    sims.set(p.kind, sim);
  }

  const rows = plans.map((p) => {
    const s = sims.get(p.kind) as Simulator;
    return [p.label, s.url + p.apiPath, p.notes];
  });
  const w = [12, 32];
  console.log(`\n${pad('server', w[0] ?? 12)}${pad('base URL', w[1] ?? 32)}behaviour`);
  console.log('-'.repeat(100));
  for (const r of rows) console.log(`${pad(r[0] ?? '', w[0] ?? 12)}${pad(r[1] ?? '', w[1] ?? 32)}${r[2] ?? ''}`);

  const u = (k: SimKind): string => (sims.get(k) as Simulator).url;
  console.log(`
Try:
  npx warmclaw status
  npx warmclaw config diff add-provider lmstudio --model google/gemma-4-26b-a4b --base-url ${u('lmstudio')}/v1
  npx warmclaw config diff add-provider ollama --model llama3.2 --base-url ${u('ollama')} --api ollama
  npx warmclaw config diff add-provider vllm --model Qwen/Qwen2.5-32B-Instruct-GPTQ-Int8 --base-url ${u('vllm')}/v1
  curl -s ${u('lmstudio')}/api/v0/models                 # state: loaded / not-loaded
  curl -s ${u('ollama')}/api/ps                          # expires_at moves with traffic
  curl -s ${u('ollama')}/api/generate -d '{"model":"llama3.2","keep_alive":"30m"}'   # load without generating
  curl -s ${u('llamacpp')}/props | grep -o '"is_sleeping":[a-z]*'
  curl -s -XPOST ${u('vllm')}/sleep ; curl -s ${u('vllm')}/is_sleeping

Model loads and unloads are printed below. Ctrl-C stops every server.
`);

  // Print state changes as they happen (what a user would see in each server's own UI).
  const last = new Map<SimKind, string>();
  const watch = setInterval(() => {
    for (const p of plans) {
      const s = sims.get(p.kind) as Simulator;
      const now = describeState(s);
      if (last.get(p.kind) !== now) {
        if (last.has(p.kind) || now !== 'nothing loaded') console.log(`[${new Date().toLocaleTimeString()}] ${pad(p.label, 10)} ${now}`);
        last.set(p.kind, now);
      }
    }
  }, 500);

  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    clearInterval(watch);
    console.log('\nStopping simulators …');
    await Promise.all([...sims.values()].map((s) => s.close()));
    console.log('Stopped.');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
