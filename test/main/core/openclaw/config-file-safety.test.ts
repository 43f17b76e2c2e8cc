// Audit findings (issue 11) on the writer: symlinks, failed writes, crash debris, permission intent.
import { existsSync, lstatSync, mkdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSON5 from 'json5';
import { describe, expect, it } from 'vitest';
import type { EditCommand } from '../../../../src/shared/config-edits';
import { WarmclawError } from '../../../../src/main/core/errors';
import { ConfigFile } from '../../../../src/main/core/openclaw/config-file';
import { tempDir } from '../../../helpers/tmp';

const LM: EditCommand = { type: 'add-provider', input: { kind: 'lmstudio', id: 'wc-lmstudio', models: [{ id: 'qwen/qwen3-32b', contextWindow: 32768 }] } };

function configAt(path: string, dataDir: string): ConfigFile {
  return new ConfigFile({ located: { path, source: 'flag', readOnly: false }, dataDir });
}

async function rejection(p: Promise<unknown>): Promise<WarmclawError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(WarmclawError);
    return err as WarmclawError;
  }
  throw new Error('expected a rejection');
}

describe('symlinked openclaw.json', () => {
  it('writes through the link to its target, atomically, keeping the link and the mode', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'dotfiles'));
    mkdirSync(join(dir, 'home'));
    const target = join(dir, 'dotfiles', 'openclaw.json');
    const link = join(dir, 'home', 'openclaw.json');
    writeFileSync(target, '{\n  // mine\n  gateway: { mode: "local" },\n}\n', { mode: 0o640 });
    symlinkSync('../dotfiles/openclaw.json', link);
    const cf = configAt(link, join(dir, 'data'));
    const res = await cf.apply(LM);
    expect(res.changed).toBe(true);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe('../dotfiles/openclaw.json');
    const text = readFileSync(target, 'utf8');
    expect(text).toContain('// mine');
    expect(JSON5.parse(text).models.providers['wc-lmstudio']).toBeDefined();
    expect(statSync(target).mode & 0o777).toBe(0o640);
    // Undo goes through the link as well.
    await cf.undo();
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(target, 'utf8')).toBe('{\n  // mine\n  gateway: { mode: "local" },\n}\n');
  });

  it('refuses a dangling symlink with a clear error and leaves the link alone', async () => {
    const dir = tempDir();
    const link = join(dir, 'openclaw.json');
    symlinkSync(join(dir, 'gone', 'openclaw.json'), link);
    const cf = configAt(link, join(dir, 'data'));
    const err = await rejection(cf.apply(LM));
    expect(err.message).toContain('symbolic link');
    expect(err.message).toContain('does not exist');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(existsSync(join(dir, 'gone'))).toBe(false);
  });
});
