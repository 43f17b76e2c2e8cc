// Every edit against every corpus config (ours, and the shared one from public repos when present): the result parses (json5) to exactly the
// expected object, only the edited lines change, line endings survive, and edit+undo is byte-identical.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSON5 from 'json5';
import { describe, expect, it } from 'vitest';
import { ConfigFile } from '../../../../src/main/core/openclaw/config-file';
import { runEdit } from '../../../../src/main/core/openclaw/edits';
import { parseDocument } from '../../../../src/main/core/openclaw/json5-document';
import { noteSharedCorpus, realConfigs } from '../../../helpers/corpus';
import { assertFootprint } from '../../../helpers/line-diff';
import { tempDir } from '../../../helpers/tmp';
import { casesFor, routingOf, type Obj } from '../../../helpers/corpus-edits';

noteSharedCorpus();

describe.each(realConfigs().map((f) => [`${f.corpus}/${f.name}`, f] as const))('%s', (_name, file) => {
  const doc = parseDocument(file.text);
  const eol = file.text.includes('\r\n') ? '\r\n' : '\n';

  it('parses to exactly what json5 parses', () => {
    expect(doc.value).toEqual(JSON5.parse(file.text));
  });

  for (const c of casesFor(file.text)) {
    it(`${c.name}: expected object, footprint limited to the edited value`, () => {
      const result = runEdit(doc, c.cmd);
      expect(JSON5.parse(result.text)).toEqual(c.expected);
      const ch = assertFootprint(file.text, result.text, c.mayChange);
      // Inserted lines follow the file's line endings (no LF in a CRLF file, or the reverse).
      for (const line of ch.added) {
        if (eol === '\r\n') expect(line.endsWith('\n') ? line.endsWith('\r\n') : true).toBe(true);
        else expect(line.includes('\r')).toBe(false);
      }
      expect(result.text.startsWith('\uFEFF')).toBe(file.text.startsWith('\uFEFF'));
      expect(/\r?\n$/.test(result.text)).toBe(/\r?\n$/.test(file.text));
    });
  }

  it('local-first on then off restores the routing bytes exactly', () => {
    const withLocal = runEdit(doc, { type: 'add-provider', input: { kind: 'lmstudio', id: 'wc-lmstudio', models: [{ id: 'qwen/qwen3-32b', contextWindow: 32768 }] } }).text;
    const localDoc = parseDocument(withLocal);
    const on = runEdit(localDoc, { type: 'local-first-on', input: { localRef: 'wc-lmstudio/qwen/qwen3-32b' } });
    const onValue = JSON5.parse(on.text) as Obj;
    const before = routingOf(JSON5.parse(withLocal) as Obj);
    expect(routingOf(onValue).primary).toBe('wc-lmstudio/qwen/qwen3-32b');
    expect(routingOf(onValue).fallbacks).toEqual([...new Set([before.primary, ...before.fallbacks].filter((r): r is string => !!r && r !== 'wc-lmstudio/qwen/qwen3-32b'))]);
    const off = runEdit(parseDocument(on.text), { type: 'local-first-off', input: {} }, { localFirst: on.localFirst });
    expect(JSON5.parse(off.text)).toEqual(JSON5.parse(withLocal));
    // Byte-identical unless "on" had to create the routing object where there was none.
    if (before.primary !== undefined || before.fallbacks.length > 0) expect(off.text).toBe(withLocal);
  });

  it('a write through ConfigFile then undo gives back the original bytes and mode', async () => {
    const dir = tempDir();
    const path = join(dir, 'openclaw.json');
    writeFileSync(path, file.text, { mode: 0o640 });
    const cf = new ConfigFile({ located: { path, source: 'flag', readOnly: false }, dataDir: join(dir, 'data') });
    const noop = await cf.apply({ type: 'set-mode', input: { mode: (JSON5.parse(file.text) as Obj).models?.mode === 'replace' ? 'replace' : 'merge' } });
    if (!noop.changed) expect(readFileSync(path, 'utf8')).toBe(file.text);
    await cf.apply({ type: 'add-provider', input: { kind: 'ollama', id: 'wc-ollama', models: [{ id: 'llama3.3:70b', contextWindow: 65536 }] } });
    expect(readFileSync(path, 'utf8')).not.toBe(file.text);
    await cf.undo();
    if (noop.changed) await cf.undo();
    expect(readFileSync(path, 'utf8')).toBe(file.text);
    const { statSync } = await import('node:fs');
    expect(statSync(path).mode & 0o777).toBe(0o640);
  });
});
