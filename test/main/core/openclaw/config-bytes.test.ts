// The bytes of openclaw.json before anything parses them (audit items 4 and 10): a byte that is not
// UTF-8 makes edits refuse with its line and column (the file and its backups keep every byte), and a
// file over the size limit is refused with its size and the limit before it is read whole.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EditCommand } from '../../../../src/shared/config-edits';
import { MAX_CONFIG_BYTES, firstInvalidUtf8, readConfigBytes } from '../../../../src/main/core/openclaw/config-bytes';
import { ConfigFile } from '../../../../src/main/core/openclaw/config-file';
import { runCli } from '../../../../src/main/daemon/cli';
import { rejection } from '../../../helpers/rejection';
import { tempDir } from '../../../helpers/tmp';

const PRIMARY: EditCommand = { type: 'set-primary', input: { ref: 'lmstudio/qwen3' } };

function fileWith(bytes: Buffer) {
  const dir = tempDir();
  const path = join(dir, 'openclaw.json');
  writeFileSync(path, bytes, { mode: 0o600 });
  const data = join(dir, 'data');
  return { dir, path, data, cf: new ConfigFile({ located: { path, source: 'flag', readOnly: false }, dataDir: data, validator: null }) };
}

describe('a byte that is not UTF-8', () => {
  // Latin-1 "café" (0xE9 alone) in a comment on line 2, column 10; the rest is plain JSON5.
  const bytes = Buffer.concat([Buffer.from('{\n  // caf'), Buffer.from([0xe9]), Buffer.from(' 🙂 ok\n  agents: { defaults: { model: { primary: "a/b" } } },\n}\n')]);

  it('refuses preview and apply with its line and column; the file keeps every byte and no backup is made', async () => {
    const { path, data, cf } = fileWith(bytes);
    for (const attempt of [() => cf.apply(PRIMARY), () => cf.preview(PRIMARY)]) {
      const err = await rejection(attempt());
      expect(err.code).toBe('invalid-file');
      expect([err.line, err.column]).toEqual([2, 9]);
      expect(err.message).toContain(`${path}:2:9`);
      expect(err.message).toContain('0xE9');
    }
    expect(readFileSync(path).equals(bytes)).toBe(true);
    expect(existsSync(join(data, 'backups')) ? readdirSync(join(data, 'backups'), { recursive: true }).filter((n) => String(n).endsWith('.json5')) : []).toEqual([]);
    // Reading it (show, warm, the UI) still works: the file parses.
    const r = await cf.read();
    expect(r.notUtf8).toMatchObject({ line: 2, column: 9, byte: 0xe9 });
    expect(r.doc.value).toEqual({ agents: { defaults: { model: { primary: 'a/b' } } } });
  });

  it('finds exactly the bytes a strict UTF-8 decoder refuses', () => {
    const strict = new TextDecoder('utf-8', { fatal: true });
    const decodes = (b: Uint8Array) => {
      try {
        strict.decode(b);
        return true;
      } catch {
        return false;
      }
    };
    // Random bytes biased to the edges: overlong forms, surrogates, past U+10FFFF, cut sequences.
    const byte = fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(0x80, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0x9f, 0xa0, 0x8f, 0x90));
    fc.assert(
      fc.property(fc.array(byte, { maxLength: 16 }), (arr) => {
        const b = Uint8Array.from(arr);
        const at = firstInvalidUtf8(b);
        expect(at === -1).toBe(decodes(b));
        if (at >= 0) expect(decodes(b.subarray(0, at))).toBe(true);
      }),
      { numRuns: 3000 },
    );
    expect(firstInvalidUtf8(Buffer.from('plain ümlaut → 模型 🙂'))).toBe(-1);
  });
});

describe('the size limit', () => {
  // Valid JSON5 (a long comment), one byte over the limit: the old code read and edited it.
  const big = Buffer.concat([Buffer.from('{\n  // '), Buffer.alloc(MAX_CONFIG_BYTES - 9, 'x'), Buffer.from('\n}\n')]);

  it('refuses a file over the limit on every read path, naming its size and the limit; the file is not touched', async () => {
    expect(big.length).toBe(MAX_CONFIG_BYTES + 1);
    const { dir, path, data, cf } = fileWith(big);
    for (const attempt of [() => cf.read(), () => cf.apply(PRIMARY), () => cf.preview(PRIMARY)]) {
      const err = await rejection(attempt());
      expect(err.code).toBe('invalid-file');
      expect(err.message).toContain(`${path} is 4.0 MB (${MAX_CONFIG_BYTES + 1} bytes), over Warmclaw's limit of 4.0 MB (${MAX_CONFIG_BYTES} bytes)`);
    }
    const out: string[] = [];
    const env = { HOME: dir, WARMCLAW_DATA_DIR: data, OPENCLAW_CONFIG_PATH: path, PATH: '/usr/bin:/bin' };
    expect(await runCli(['--openclaw-bin', join(dir, 'none'), 'config', 'show'], { out: (s) => out.push(s), err: (s) => out.push(s), env })).toBe(2);
    expect(out.join('\n')).toContain(`limit of 4.0 MB (${MAX_CONFIG_BYTES} bytes)`);
    expect(readFileSync(path).equals(big)).toBe(true);
  });

  it('reads a file at the limit, and stops at the limit when the file is larger than its size said', async () => {
    const { path } = fileWith(big.subarray(0, 1000));
    expect((await readConfigBytes(path, 1000)).length).toBe(1000);
    await expect(readConfigBytes(path, 999)).rejects.toThrow(/over Warmclaw's limit/);
    // A device says size 0 and never ends: reading stops one byte past the limit.
    await expect(readConfigBytes('/dev/zero', 4096)).rejects.toThrow(/\/dev\/zero is larger than its size said, over Warmclaw's limit/);
  });
});
