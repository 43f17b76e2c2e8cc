// llama-swap's event stream through the real monitor and simulator: a load by another client and a
// ttl unload show at once, with no poll due (the monitor's clock never moves here); one stream per
// server; a server without the stream is asked once; long log lines are skipped, not buffered whole.
import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../../src/main/core/clock';
import { adapterFor } from '../../../../src/main/core/endpoints/index';
import { EventWatch } from '../../../../src/main/core/monitor/event-watch';
import { Monitor } from '../../../../src/main/core/monitor/index';
import { startSimulator } from '../../../sim/index';
import type { LlamaSwapSim } from '../../../sim/llamaswap';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** Waits (bounded: 200 × 20 ms) for a condition driven by real sockets. */
async function until(what: string, ok: () => boolean): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (ok()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('event stream watch', () => {
  it('llama-swap: another client loading a model, and the ttl stopping it, show without a poll', async () => {
    // Long enough phases (1.5 s start, 2 s ttl) for one loopback probe each, even on a busy machine.
    const s = (await startSimulator('llamaswap', { loadDelayMs: 1_500, idleTtlMs: 2_000 })) as LlamaSwapSim;
    cleanups.push(() => s.close());
    const clock = new ManualClock();
    const m = new Monitor({ adapterFor, clock, random: () => 0.5, callTimeoutMs: 3_000 });
    cleanups.push(() => m.stop());
    m.setEndpoints([{ id: s.url, baseUrl: s.url, source: 'config', providerId: 'swap', kind: 'llamaswap' }]);
    m.start();
    await m.refresh(); // the first look (the manual clock never fires the scheduled one)
    expect(m.status(s.url)?.health).toBe('up');
    await until('the event stream', () => s.eventStreams() === 1);
    const state = () => m.status(s.url)?.models.find((x) => x.id === 'qwen3-8b')?.state;
    expect(state()).toBe('not-loaded');

    // Another client's request starts qwen3-8b: starting, then ready, then stopped by its 2 s ttl.
    const req = s.userRequest('qwen3-8b');
    await until('loading', () => state() === 'loading');
    await req;
    await until('loaded', () => state() === 'loaded');
    await until('stopped by its ttl', () => state() === 'not-loaded');
    expect(s.eventStreams()).toBe(1);

    await m.stop();
    await until('the stream closed', () => s.eventStreams() === 0);
  });

  it('a server without the stream (404) is asked once; a long line is skipped and what follows still counts', async () => {
    let asked = 0;
    const server: Server = createServer((req, res) => {
      asked++;
      if (req.url === '/none') return void res.writeHead(404).end('404 page not found');
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(`data:{"type":"logData","data":"${'x'.repeat(5000)}"}\n\n`);
      res.write('data:{"type":"modelStatus","data":"[]"}\n\n'); // the snapshot on connect
      res.write(`data:${'y'.repeat(3000)}`); // a line longer than the cap, split over writes
      res.write(`${'y'.repeat(3000)}\n`);
      res.write('data:{"type":"modelStatus","data":"[1]"}\n\n');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    cleanups.push(() => new Promise<void>((r) => server.close(() => r())));
    const port = (server.address() as { port: number }).port;
    const source = { path: '/x', isModelChange: (d: string) => d.startsWith('{"type":"modelStatus"') };

    const none = new EventWatch(new URL(`http://127.0.0.1:${port}/none`), source, () => {}, {}, { retryMs: 10 });
    none.start();
    await until('the 404', () => none.unsupported);
    await new Promise((r) => setTimeout(r, 100));
    expect(none.opens).toBe(1);
    none.stop();

    let changes = 0;
    const w = new EventWatch(new URL(`http://127.0.0.1:${port}/events`), source, () => changes++, {}, { maxLineBytes: 4096 });
    cleanups.push(() => w.stop());
    w.start();
    await until('one change after the snapshot', () => changes === 1);
    expect(w.streaming).toBe(true);
    expect(asked).toBe(2);
  });
});
