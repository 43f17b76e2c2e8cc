// The dashboard's "Test" on a model: the dialog counts seconds while `model.test` runs, then gives the
// verdict — "Calls tools ✓" for a model that returns a well-formed tool call, "Answered but never
// called the tool ✗" with a hint for one that answers in text — in English and Vietnamese. The test
// changes nothing in openclaw.json. The Providers screen offers the same Test on each model of a provider.
import { startSimulator, type Simulator } from '../test/sim/index';
import { expect, shot, test } from './fixtures';

const LMSTUDIO_MODEL = 'meta-llama-3.1-8b-instruct';

test.describe('model test', () => {
  let silent: Simulator | undefined;
  test.afterEach(async () => {
    await silent?.close();
    silent = undefined;
  });

  test('Test on a model: progress, then the tool-call verdict (en + vi)', async ({ page, warmclaw }) => {
    const good = await warmclaw.startSim('lmstudio', { loadDelayMs: 0, toolCalls: 'call' });
    silent = await startSimulator('ollama', { loadDelayMs: 1_500, toolCalls: 'ignore' });
    const silentModel = silent.models()[0]!.id;
    await warmclaw.open(page);
    await warmclaw.api(page, 'config.apply', { type: 'add-provider', input: { kind: 'lmstudio', baseUrl: `${good.url}/v1`, models: [{ id: LMSTUDIO_MODEL }] } });
    await warmclaw.api(page, 'config.apply', { type: 'add-provider', input: { kind: 'ollama', baseUrl: silent.url, models: [{ id: silentModel }] } });
    const before = warmclaw.readConfig();

    const row = (id: string) => page.locator(`[data-testid="model-row"][data-model-id="${id}"]`);
    const dialog = page.getByTestId('model-test-dialog');
    await row(LMSTUDIO_MODEL).getByTestId('model-test').click({ timeout: 20_000 });
    await expect(dialog.getByTestId('model-test-verdict')).toHaveAttribute('data-verdict', 'calls-tools', { timeout: 20_000 });
    await expect(dialog).toContainText('Calls tools ✓');
    await expect(dialog).toContainText('tokens/s');
    await shot(page, 'model-test-calls-tools', { fullPage: false });
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(dialog).toHaveCount(0);

    // A model that loads for a moment and then answers in text: progress first, then the ✗ verdict.
    await row(silentModel).getByTestId('model-test').click({ timeout: 20_000 });
    await expect(dialog.getByTestId('model-test-progress')).toBeVisible();
    await expect(dialog.getByTestId('model-test-verdict')).toHaveAttribute('data-verdict', 'no-tool-call', { timeout: 20_000 });
    await expect(dialog).toContainText('Answered but never called the tool ✗');
    await shot(page, 'model-test-no-tool-call', { fullPage: false });
    await page.keyboard.press('Escape');

    await warmclaw.api(page, 'settings.update', { language: 'vi' });
    await expect(page.getByRole('tab', { name: 'Tổng quan' })).toBeVisible({ timeout: 10_000 });
    await row(silentModel).getByTestId('model-test').click();
    await expect(dialog.getByTestId('model-test-verdict')).toHaveAttribute('data-verdict', 'no-tool-call', { timeout: 20_000 });
    await expect(dialog).toContainText('Có trả lời nhưng không gọi công cụ ✗');
    await shot(page, 'model-test-no-tool-call-vi', { fullPage: false });
    await page.keyboard.press('Escape');

    // The same test from the Providers screen, on a model of the provider's table.
    await page.getByRole('tab', { name: 'Nhà cung cấp' }).click();
    const testButton = row(LMSTUDIO_MODEL).getByRole('button', { name: `Kiểm tra ${LMSTUDIO_MODEL} bằng một lần gọi công cụ` });
    await testButton.click({ timeout: 20_000 });
    await expect(dialog.getByTestId('model-test-verdict')).toHaveAttribute('data-verdict', 'calls-tools', { timeout: 20_000 });
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    await expect(testButton).toBeFocused(); // focus goes back where it was

    expect(warmclaw.readConfig()).toBe(before);
  });
});
