// OpenClaw's own latency on the dashboard, from a real gateway (pinned OpenClaw) and a real agent
// turn: the calls OpenClaw timed appear live (no reload) as a chart and a table under the model's
// ref, with the server's probes beside them; the JIT load the turn waited for is in the first byte.
// Read in English and Vietnamese.
import type { Simulator } from '../test/sim/index';
import { expect, shot, test } from './fixtures';

const MODEL = 'meta-llama-3.1-8b-instruct';
const REF = `lms-jit/${MODEL}`;

test.describe('OpenClaw model calls', () => {
  // The gateway starts in the fixture (tens of seconds on two cores) and a turn runs OpenClaw's agent.
  test.describe.configure({ timeout: 400_000 });
  test.use({
    // LM Studio under a provider id other than `lmstudio`: OpenClaw sends plain requests that load
    // the model just in time, inside the call (1.5 s), at a context that holds OpenClaw's prompt.
    servers: [{ kind: 'lmstudio', options: { loadDelayMs: 1_500, models: [{ id: MODEL, maxContext: 131072, contextLength: 65536 }] } }],
    gateway: {
      config: ([sim]: Simulator[], quiet: string) => `{
  ${quiet}
  models: { catalogRefresh: { enabled: false }, mode: "merge", providers: {
    "lms-jit": { baseUrl: "${sim!.url}/v1", api: "openai-completions", apiKey: "lm-studio", models: [{ id: "${MODEL}", name: "Llama 3.1 8B", contextWindow: 65536, maxTokens: 1024 }] },
  } },
  agents: { defaults: { model: { primary: "${REF}" } } },
}
`,
    },
  });

  test('a real turn shows as timed calls beside the probes, live (en + vi)', async ({ page, warmclaw }) => {
    // Nothing of Warmclaw's reaches the server: OpenClaw's own request does the load the chart shows.
    await warmclaw.open(page);
    await warmclaw.api(page, 'settings.update', { warm: { enabled: false } });
    const card = page.getByTestId('endpoint-card');
    await expect(card.first()).toHaveAttribute('data-health', 'up', { timeout: 30_000 });
    // The daemon may have warmed the primary before keeping warm was switched off: start cold.
    const sim = warmclaw.sims[0]!;
    if (sim.stats().loads > 0) expect(await warmclaw.api<{ ok: boolean }>(page, 'model.unload', { ref: REF })).toMatchObject({ ok: true });
    await expect(page.getByTestId('model-calls')).toHaveCount(0); // no turn yet

    const loadsBefore = sim.stats().loads;
    const turn = await warmclaw.gateway!.turn('Reply with the single word: ready.');
    expect(turn.ok, turn.output.slice(-2000) + (await warmclaw.gateway!.tail())).toBe(true);
    expect(sim.stats().loads).toBe(loadsBefore + 1); // the turn's first request loaded the model

    // Pushed to the open page (no reload): one row per request the server answered.
    const model = page.locator(`[data-testid="model-calls-model"][data-ref="${REF}"]`);
    await expect(model).toBeVisible({ timeout: 30_000 });
    await expect(model).toContainText(`${'LM Studio'} at ${sim.url}`);
    await expect(model.getByTestId('call-chart').locator('canvas')).toBeVisible();
    await expect(model.getByTestId('calls-probes')).toContainText('median');
    await expect(model.getByTestId('call-readout')).toContainText(/^Call \d+: first byte .+, whole call .+$/);
    await model.getByText(/Show the (call|\d+ calls) as a table/).click();
    const rows = model.getByTestId('call-row');
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
    // The oldest call (last row) waited for the 1.5 s JIT load before its first byte.
    const status = await warmclaw.api<{ modelCalls?: { ref: string; ms: number; ttfbMs?: number }[] }>(page, 'status');
    const calls = status.modelCalls!.filter((c) => c.ref === REF);
    expect(await rows.count()).toBe(calls.length);
    expect(calls[0]!.ttfbMs!).toBeGreaterThanOrEqual(1_500);
    // …and the card says so: the slowest first byte is that load, in seconds.
    const slowest = /^(\d+(?:\.\d)?) sec$/.exec((await model.getByTestId('calls-slowest').textContent()) ?? '');
    expect(Number(slowest?.[1])).toBeGreaterThanOrEqual(1.5);
    await shot(page, 'dashboard-model-calls');

    await warmclaw.api(page, 'settings.update', { language: 'vi' });
    await expect(page.getByRole('heading', { name: 'Độ trễ thực của OpenClaw' })).toBeVisible({ timeout: 10_000 });
    await expect(model.getByTestId('call-chart')).toHaveAttribute('aria-label', /lượt gọi tới lms-jit\//);
    await shot(page, 'dashboard-model-calls-vi');
  });
});
