// The Routing screen's Agents card on a real config with the legacy agents.list: the coder agent runs
// its own local model (no fallbacks) and is named as one "use local first" does not move; the others
// follow the defaults. English and Vietnamese.
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

    await warmclaw.api(page, 'settings.update', { language: 'vi' });
    await expect(card).toContainText('tự đặt mô hình riêng', { timeout: 10_000 });
    await shot(page, 'routing-agents-vi', { fullPage: true });
  });
});
