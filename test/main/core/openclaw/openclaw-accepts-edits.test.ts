// The real OpenClaw validator (2026.9.6, from .cache/openclaw) on every corpus file and every edit:
// the issues after an edit are a subset of those before (valid stays valid), and the guide's
// LM Studio example built from an empty file with add-provider + local-first on is valid.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureOpenclaw } from '../../../../scripts/ensure-openclaw.mjs';
import { ConfigFile } from '../../../../src/main/core/openclaw/config-file';
import { runEdit } from '../../../../src/main/core/openclaw/edits';
import { parseDocument } from '../../../../src/main/core/openclaw/json5-document';
import { findOpenclaw, newIssues, validateWithOpenclaw, type OpenclawCli } from '../../../../src/main/core/openclaw/openclaw-cli';
import { noteSharedCorpus, realConfigs } from '../../../helpers/corpus';
import { casesFor } from '../../../helpers/corpus-edits';
import { mapLimited } from '../../../helpers/pool';
import { tempDir } from '../../../helpers/tmp';

let cli: OpenclawCli;
beforeAll(async () => {
  const found = await findOpenclaw({ configuredPath: await ensureOpenclaw() });
  if (!found) throw new Error('the pinned OpenClaw CLI in .cache/openclaw did not run');
  cli = found;
});


describe('OpenClaw accepts what Warmclaw writes', () => {
  it('the guide example from an empty file: add-provider lmstudio + local-first on is valid', async () => {
    const dir = tempDir();
    const path = join(dir, 'openclaw.json');
    const file = new ConfigFile({
      located: { path, source: 'flag', readOnly: false },
      dataDir: join(dir, 'data'),
      validator: { validate: async (t) => (await validateWithOpenclaw(cli, t)).issues, newIssues },
    });
    await file.apply({ type: 'add-provider', input: { kind: 'lmstudio', models: [{ id: 'minimax/minimax-m2.1', name: 'MiniMax M2.1' }] } });
    await file.apply({ type: 'set-primary', input: { ref: 'anthropic/claude-opus-4-6' } });
    const on = await file.apply({ type: 'local-first-on', input: {} });
    expect(on.changed).toBe(true);
    const { text } = await file.read();
    const report = await validateWithOpenclaw(cli, text);
    expect(report.issues).toEqual([]);
    expect(report.valid).toBe(true);
  });

  it('a key outside the schema is caught (the validator is really running)', async () => {
    const report = await validateWithOpenclaw(cli, '{ models: { providers: { x: { baseUrl: "http://127.0.0.1:1/v1", bogusKey: 1, models: [] } } } }');
    expect(report.valid).toBe(false);
    expect(report.issues.some((i) => i.path.startsWith('models.providers.x'))).toBe(true);
  });

  let validCount = 0;
  noteSharedCorpus();
  describe.each(realConfigs().map((f) => [`${f.corpus}/${f.name}`, f] as const))('%s', (_n, file) => {
    it('every edit adds no OpenClaw issue', async () => {
      const doc = parseDocument(file.text);
      const texts = casesFor(file.text).map((c) => ({ name: c.name, text: runEdit(doc, c.cmd).text }));
      const withLocal = runEdit(doc, { type: 'add-provider', input: { kind: 'lmstudio', id: 'wc-lmstudio', models: [{ id: 'qwen/qwen3-32b', contextWindow: 32768 }] } }).text;
      texts.push({ name: 'local-first on', text: runEdit(parseDocument(withLocal), { type: 'local-first-on', input: { localRef: 'wc-lmstudio/qwen/qwen3-32b' } }).text });
      const [before, ...afters] = await mapLimited([file.text, ...texts.map((t) => t.text)], (t) => validateWithOpenclaw(cli, t));
      if (before!.valid) validCount++;
      afters.forEach((after, i) => {
        expect(newIssues(before!.issues, after.issues), `${texts[i]!.name} added issues`).toEqual([]);
        if (before!.valid) expect(after.valid, texts[i]!.name).toBe(true);
      });
    }, 120_000);
  });

  it('some corpus files are valid under OpenClaw 2026.9.6 (so "valid stays valid" is exercised)', () => {
    expect(validCount).toBeGreaterThanOrEqual(5);
  });
});
