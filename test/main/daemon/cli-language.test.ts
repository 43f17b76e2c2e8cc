// The CLI follows the POSIX locale where a translation exists: the engine's coded messages (errors,
// edit summaries, warnings, a server's failure in `status`) print in Vietnamese under LANG=vi…, and
// in English under C, POSIX, an untranslated language, or nothing. Through the real entry point.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliLanguage } from '../../../src/main/daemon/cli-language';
import { cliRunner } from '../../helpers/cli';
import { tempDir } from '../../helpers/tmp';
import { startSimulator } from '../../sim';
import { ManualClock } from '../../../src/main/core/clock';

const repo = resolve(__dirname, '../../..');

function setup(text: string, locale: NodeJS.ProcessEnv) {
  const dir = tempDir();
  const path = join(dir, 'openclaw.json');
  writeFileSync(path, text, { mode: 0o600 });
  const env = { HOME: dir, WARMCLAW_DATA_DIR: join(dir, 'data'), OPENCLAW_CONFIG_PATH: path, PATH: '/usr/bin:/bin', ...locale };
  return { dir, path, env, run: cliRunner(env) };
}

describe('the CLI language', () => {
  it.each([
    [{ LANG: 'vi_VN.UTF-8' }, 'vi'],
    [{ LANG: 'vi' }, 'vi'],
    [{ LANG: 'vi-VN' }, 'vi'],
    [{ LC_MESSAGES: 'vi_VN.UTF-8', LANG: 'en_US.UTF-8' }, 'vi'],
    [{ LC_ALL: 'vi_VN.UTF-8', LANG: 'C' }, 'vi'],
    [{ LC_ALL: 'C', LANG: 'vi_VN.UTF-8' }, 'en'],
    [{ LC_ALL: '', LANG: 'vi_VN.UTF-8' }, 'vi'],
    [{ LANG: 'C.UTF-8' }, 'en'],
    [{ LANG: 'POSIX' }, 'en'],
    [{ LANG: 'fr_FR.UTF-8' }, 'en'],
    [{ LANG: 'video' }, 'en'],
    [{}, 'en'],
  ] as const)('%o → %s', (env, lang) => {
    expect(cliLanguage(env)).toBe(lang);
  });

  it('prints a coded error in Vietnamese under LANG=vi, and the same error in English under C', async () => {
    const vi = await setup('{}', { LANG: 'vi_VN.UTF-8' }).run('config', 'set-limits', 'lmstudio/x', '--context-window', '2048');
    expect(vi.code).toBe(2);
    expect(vi.err).toBe('warmclaw: Không có nhà cung cấp "lmstudio" trong models.providers. Hãy thêm nó trước (warmclaw config add-provider …).');
    const c = await setup('{}', { LANG: 'C' }).run('config', 'set-limits', 'lmstudio/x', '--context-window', '2048');
    expect(c.code).toBe(2);
    expect(c.err).toBe('warmclaw: There is no provider "lmstudio" under models.providers. Add it first (warmclaw config add-provider …).');
  });

  it('says a broken settings file in Vietnamese under LANG=vi (never rewriting it), in English under C', async () => {
    for (const [locale, words] of [
      [{ LANG: 'vi_VN.UTF-8' }, /^warmclaw: .*settings\.json có cài đặt không hợp lệ \(poll\.fastMs: .*\)\. Hãy sửa hoặc xóa tệp đó; Warmclaw không thay đổi nó\.$/],
      [{ LANG: 'C' }, /^warmclaw: .*settings\.json has invalid settings \(poll\.fastMs: .*\)\. Fix or delete that file; Warmclaw did not change it\.$/],
    ] as const) {
      const s = setup('{}', locale);
      mkdirSync(join(s.dir, 'data'), { recursive: true });
      const broken = '{ "poll": { "fastMs": "fast" } }\n';
      writeFileSync(join(s.dir, 'data', 'settings.json'), broken);
      const r = await s.run('status', '--no-scan');
      expect(r.code).toBe(2);
      expect(r.err.trim()).toMatch(words);
      expect(readFileSync(join(s.dir, 'data', 'settings.json'), 'utf8')).toBe(broken);
    }
  });

  it('words an edit summary in Vietnamese; --json keeps the English text and the code for scripts', async () => {
    const { run } = setup('{}', { LC_ALL: 'vi_VN.UTF-8' });
    const added = await run('config', 'add-provider', 'lmstudio', '--model', 'qwen3-8b');
    expect(added.code).toBe(0);
    expect(added.out.split('\n')[0]).toBe('Thêm nhà cung cấp lmstudio (qwen3-8b)');
    const again = await run('--json', 'config', 'add-provider', 'lmstudio', '--model', 'qwen3-8b');
    expect(JSON.parse(again.out).data).toMatchObject({ summary: 'Updated provider lmstudio (qwen3-8b)', summaryMsg: { code: 'edit.provider-updated' } });
  });

  it("says a server's failure in the status table in the user's language", async () => {
    const s = await startSimulator('ollama', { clock: new ManualClock() });
    try {
      await s.setFailure('http-500');
      const cfg = JSON.stringify({ models: { providers: { ollama: { baseUrl: s.url, api: 'ollama', models: [{ id: 'qwen3:8b', name: 'Qwen' }] } } } });
      const vi = await setup(cfg, { LANG: 'vi_VN.UTF-8' }).run('status');
      // Every answer is a 500, so nothing recognises the server: the table's ↳ line says so.
      expect(vi.out).toMatch(/↳ 127\.0\.0\.1:\d+ có phản hồi, nhưng không giống LM Studio, Ollama/);
      const en = await setup(cfg, { LANG: 'POSIX' }).run('status');
      expect(en.out).toMatch(/↳ 127\.0\.0\.1:\d+ answers, but not like LM Studio, Ollama/);
    } finally {
      await s.close();
    }
  });

  it('loads the Vietnamese catalog in a real `warmclaw` process (no renderer bundle)', () => {
    const { env } = setup('{}', { LANG: 'vi_VN.UTF-8' });
    const r = spawnSync(process.execPath, [join(repo, 'bin/warmclaw.mjs'), 'config', 'set-limits', 'lmstudio/x', '--context-window', '2048'], { env: { ...env, PATH: process.env.PATH }, encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe('warmclaw: Không có nhà cung cấp "lmstudio" trong models.providers. Hãy thêm nó trước (warmclaw config add-provider …).');
  });
});
