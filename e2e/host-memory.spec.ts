// What keeping warm costs on llama-swap, which gives no memory per model: the dashboard's llama-swap
// card shows the machine's GPU memory and RAM in use as llama-swap reports them (/api/performance),
// says they are whole-machine figures, and drops them once no model runs. English and Vietnamese.
import { expect, shot, test } from './fixtures';

const GiB = 1024 ** 3;

test('llama-swap card: the machine memory in use while a model runs, gone after Unload (en + vi)', async ({ page, warmclaw }) => {
  const swap = await warmclaw.startSim('llamaswap', { models: [{ id: 'qwen3-8b', maxContext: 40960, sizeBytes: 6 * GiB }], loaded: ['qwen3-8b'] });
  await warmclaw.open(page);
  const added = (await warmclaw.api(page, 'config.apply', { type: 'add-provider', input: { kind: 'llamaswap', baseUrl: `${swap.url}/v1`, models: [{ id: 'qwen3-8b' }] } })) as { changed: boolean };
  expect(added.changed).toBe(true);

  const card = page.locator(`[data-testid="endpoint-card"][data-endpoint-id="${swap.url}"]`);
  const line = card.getByTestId('host-memory');
  await expect(card.getByTestId('endpoint-source')).toContainText('From openclaw.json', { timeout: 30_000 });
  // 400 MiB + the 6 GiB model of a 24 GiB GPU; 8 of 64 GiB RAM (the simulator's machine).
  await expect(line).toContainText(/This machine: GPU memory 6\.\d\sGB of 2[45](\.\d)?\sGB in use · RAM 8(\.\d)?\sGB of 6[48](\.\d)?\sGB/, { timeout: 30_000 });
  await expect(line).toHaveAttribute('title', /whole machine/);
  await shot(page, 'dashboard-llamaswap-memory', { fullPage: false });

  await warmclaw.api(page, 'settings.update', { language: 'vi' });
  await expect(line).toContainText(/Máy này: đang dùng 6,\d\sGB \/ 2[45](,\d)?\sGB bộ nhớ GPU · RAM 8(,\d)?\sGB \/ 6[48](,\d)?\sGB/, { timeout: 10_000 });
  await shot(page, 'dashboard-llamaswap-memory-vi', { fullPage: false });

  // Unloaded: no model runs, so the machine's figures say nothing about keeping warm.
  await warmclaw.api(page, 'settings.update', { language: 'en', warm: { paused: true } });
  await warmclaw.api(page, 'model.unload', { ref: 'llamaswap/qwen3-8b' });
  await expect(card.locator('[data-testid="model-row"][data-model-id="qwen3-8b"]')).toHaveAttribute('data-state', 'not-loaded', { timeout: 30_000 });
  await expect(line).toHaveCount(0);
});
