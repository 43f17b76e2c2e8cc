// The Routing screen's Agents card on a real config with the legacy agents.list: the coder agent runs
// its own local model (no fallbacks) and is named as one "use local first" does not move; the others
// follow the defaults. English and Vietnamese.
import { writeFileSync } from 'node:fs';
import { expect, shot, test } from './fixtures';

test.describe('agents card', () => {
  test.use({ corpusFile: 'agents-list-default.json5' });

  test('every agent with its effective model, where it comes from, and whether it follows (en + vi)', async ({ page, warmclaw }) => {
    await warmclaw.open(page);
    await page.getByRole('tab', { name: 'Routing' }).click();
    const card = page.getByTestId('agents');
    const coder = card.locator('[data-testid="agent-row"][data-agent-id="coder"]');
    await expect(coder).toHaveAttribute('data-follows', 'false', { timeout: 15_000 });
    await expect(coder).toContainText('lmstudio/openai/gpt-oss-20b');
    await expect(coder).toContainText('its own');
    await expect(coder.getByTestId('place-badge')).toHaveAttribute('data-local', 'true');
    await expect(card).toContainText('coder sets a model of its own');
    await expect(card.locator('[data-testid="agent-row"][data-follows="true"]').first()).toContainText('openai/gpt-5');
    await shot(page, 'routing-agents', { fullPage: true });

    // coder already runs a local model of its own: "use local first" has nothing to offer for it, and
    // its diff moves only the defaults.
    await expect(page.getByTestId('cover-agents')).toHaveCount(0);
    await page.getByTestId('local-first-switch').click();
    const diff = page.locator('[data-testid="diff"]');
    await expect(diff).toContainText('primary: "lmstudio/openai/gpt-oss-20b"', { timeout: 10_000 });
    await expect(diff).not.toContainText('coder');
    await page.keyboard.press('Escape');

    await warmclaw.api(page, 'settings.update', { language: 'vi' });
    await expect(card).toContainText('tự đặt mô hình riêng', { timeout: 10_000 });
    await shot(page, 'routing-agents-vi', { fullPage: true });
  });

  test('an agent on a hosted model of its own: "use local first" offers to cover it in the same diff', async ({ page, warmclaw }) => {
    writeFileSync(
      warmclaw.configPath,
      `{
  models: { providers: { lmstudio: { baseUrl: "http://127.0.0.1:9/v1", api: "openai-responses", models: [{ id: "qwen3-8b", name: "Qwen" }] } } },
  agents: {
    ownership: "explicit",
    defaults: { model: { primary: "openai/gpt-5", fallbacks: [] } },
    entries: { main: {}, coder: { model: "anthropic/claude-opus-4-6" } },
  },
}
`,
    );
    await warmclaw.open(page);
    await page.getByRole('tab', { name: 'Routing' }).click();
    const cover = page.getByTestId('cover-agents');
    await expect(cover).toContainText('coder', { timeout: 15_000 });
    await cover.getByRole('checkbox').check();
    await page.getByTestId('local-first-switch').click();
    const diff = page.locator('[data-testid="diff"]');
    await expect(diff).toContainText('coder', { timeout: 10_000 });
    await expect(diff).toContainText('lmstudio/qwen3-8b');
    await shot(page, 'routing-cover-agents', { fullPage: false });
  });
});
