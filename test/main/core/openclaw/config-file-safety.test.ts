// Audit findings (issue 11) on the writer: symlinks, failed writes, crash debris, permission intent.
import { spawn } from 'node:child_process';
import { chmodSync, chownSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import JSON5 from 'json5';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EditCommand } from '../../../../src/shared/config-edits';
import { ConfigFile } from '../../../../src/main/core/openclaw/config-file';
import { BackupStore, MAX_BACKUPS } from '../../../../src/main/core/openclaw/backups';
import { lockPathFor } from '../../../../src/main/core/openclaw/file-lock';
import { openConfig } from '../../../../src/main/core/openclaw/open-config';
import { runCli } from '../../../../src/main/daemon/cli';
import { bundleChild, exited } from '../../../helpers/child';
import { rejection } from '../../../helpers/rejection';
import { tempDir } from '../../../helpers/tmp';

const LM: EditCommand = { type: 'add-provider', input: { kind: 'lmstudio', id: 'wc-lmstudio', models: [{ id: 'qwen/qwen3-32b', contextWindow: 32768 }] } };

function configAt(path: string, dataDir: string): ConfigFile {
  return new ConfigFile({ located: { path, source: 'flag', readOnly: false }, dataDir });
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

const isRoot = process.getuid?.() === 0;
const NOBODY = 65534;

describe('failed and killed writes', () => {
  let child = '';
  const work = tempDir('warmclaw-proc-');
  beforeAll(async () => {
    chmodSync(work, 0o755);
    child = await bundleChild(resolve(__dirname, '../../../fixtures/writer-child.ts'), work);
    chmodSync(child, 0o644);
  });

  it.skipIf(!isRoot)('a write that fails leaves no backup behind (undo has nothing to undo)', async () => {
    // The writer runs as another user who owns the file but cannot create the temp file in its folder:
    // the atomic write fails with EACCES and no gateway is there to take it.
    const dir = tempDir();
    chmodSync(dir, 0o755);
    const path = join(dir, 'openclaw.json');
    writeFileSync(path, '{ // mine\n}\n', { mode: 0o600 });
    chownSync(path, NOBODY, NOBODY);
    const dataDir = join(dir, 'data');
    mkdirSync(dataDir, { mode: 0o700 });
    chownSync(dataDir, NOBODY, NOBODY);
    const p = spawn(process.execPath, [child, 'once', path, dataDir], { uid: NOBODY, gid: NOBODY, stdio: ['ignore', 'pipe', 'pipe'], cwd: work });
    let out = '';
    p.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    expect(await exited(p)).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ ok: false, code: 'read-only' });
    expect(readFileSync(path, 'utf8')).toBe('{ // mine\n}\n');
    const cf = configAt(path, dataDir);
    expect(await cf.backups.list()).toEqual([]);
    expect(existsSync(cf.backups.dir) ? readdirSync(cf.backups.dir).filter((n) => n.endsWith('.json5')) : []).toEqual([]);
    expect((await rejection(cf.undo())).code).toBe('not-found');
  }, 60_000);

  it('pending backups of killed writes never push committed history out', async () => {
    const dir = tempDir();
    const store = new BackupStore(join(dir, 'data'), join(dir, 'openclaw.json'));
    const history: string[] = [];
    for (let i = 0; i < 3; i++) {
      const b = await store.save(`{ v: ${i} }\n`, `change ${i}`);
      await store.commit(b);
      history.push(b.id);
    }
    for (let i = 0; i < MAX_BACKUPS + 10; i++) await store.save(`{ killed: ${i} }\n`, 'a write killed before it landed');
    const last = await store.save('{ v: 3 }\n', 'change 3');
    await store.commit(last);
    expect((await store.list()).map((b) => b.id)).toEqual([last.id, ...history.reverse()]);
  });

  it('opening the config clears what killed writes left: temp copies, stale locks, pending and metadata-less backups', async () => {
    const dir = tempDir();
    const path = join(dir, 'openclaw.json');
    writeFileSync(path, '{ a: 1 }\n', { mode: 0o600 });
    const dataDir = join(dir, 'data');
    const store = new BackupStore(dataDir, path);
    const kept = await store.save('{ a: 0 }\n', 'a real change');
    await store.commit(kept);
    // Killed before its rename: the backup holds what the file still holds.
    const never = await store.save('{ a: 1 }\n', 'a write that never landed');
    // Killed after its rename, before the commit: the file moved on, the backup is real history.
    const landed = await store.save('{ a: 2 }\n', 'a write that landed');
    // Killed between the backup and its metadata.
    writeFileSync(join(store.dir, '2020-01-01T00-00-00-000Z-abcdef.json5'), '{ half: true }\n');
    chmodSync(store.dir, 0o755);
    chmodSync(join(store.dir, `${kept.id}.json5`), 0o644);
    // Temp copies of the config: one of a dead writer, one whose pid (1) is alive but far too old.
    const deadTmp = join(dir, '.openclaw.json.warmclaw-4194000-0badf00d.tmp');
    const oldTmp = join(dir, '.openclaw.json.warmclaw-1-deadbeef.tmp');
    writeFileSync(deadTmp, 'partial');
    writeFileSync(oldTmp, 'partial');
    const hourAgo = new Date(Date.now() - 3_600_000);
    utimesSync(oldTmp, hourAgo, hourAgo);
    // A lock naming a reused pid, and a private file of a process killed while taking the lock.
    const lock = lockPathFor(path, dataDir);
    mkdirSync(dirname(lock), { recursive: true });
    writeFileSync(lock, '1 linux:999999999999');
    writeFileSync(`${lock}.4194000.cafe0123`, '4194000');

    const opened = await openConfig({ flag: path, env: { HOME: dir, PATH: '/nonexistent' }, dataDir });
    expect(existsSync(deadTmp)).toBe(false);
    expect(existsSync(oldTmp)).toBe(false);
    expect(existsSync(lock)).toBe(false);
    expect(existsSync(`${lock}.4194000.cafe0123`)).toBe(false);
    const ids = (await opened.file.backups.list()).map((b) => b.id);
    expect(ids.sort()).toEqual([kept.id, landed.id].sort());
    expect(ids).not.toContain(never.id);
    expect(readdirSync(store.dir).filter((n) => n.startsWith('2020-'))).toEqual([]);
    expect(statSync(store.dir).mode & 0o777).toBe(0o700);
    for (const n of readdirSync(store.dir)) expect(statSync(join(store.dir, n)).mode & 0o777).toBe(0o600);
    expect(readFileSync(path, 'utf8')).toBe('{ a: 1 }\n');
  });
});

describe('permission intent', () => {
  async function cli(env: NodeJS.ProcessEnv, ...args: string[]) {
    const out: string[] = [];
    const code = await runCli(args, { out: (s) => out.push(s), err: (s) => out.push(s), env });
    return { code, out: out.join('\n') };
  }
  const envFor = (dir: string, path: string) => ({ HOME: dir, WARMCLAW_DATA_DIR: join(dir, 'data'), OPENCLAW_CONFIG_PATH: path, PATH: '/nonexistent' });

  it('a chmod 444 file is read-only (even for root), says why, and is left exactly as it was', async () => {
    const dir = tempDir();
    const path = join(dir, 'openclaw.json');
    writeFileSync(path, '{ // locked on purpose\n}\n');
    chmodSync(path, 0o444);
    const cf = configAt(path, join(dir, 'data'));
    const err = await rejection(cf.apply(LM));
    expect(err.code).toBe('read-only');
    expect(err.message).toContain('0444');
    expect(readFileSync(path, 'utf8')).toBe('{ // locked on purpose\n}\n');
    expect(statSync(path).mode & 0o777).toBe(0o444);
    expect(await cf.backups.list()).toEqual([]);
    const text = await cli(envFor(dir, path), 'config', 'path');
    expect(text.out).toMatch(/read-only: the file's mode is 0444/);
    const json = JSON.parse((await cli(envFor(dir, path), 'config', 'path', '--json')).out);
    expect(json.data).toMatchObject({ readOnly: true, writable: false });
  });

  it.skipIf(!isRoot)("another user's file in a folder we can write is not replaced (its owner stays)", async () => {
    const dir = tempDir();
    const path = join(dir, 'openclaw.json');
    writeFileSync(path, '{ // theirs\n}\n', { mode: 0o644 });
    chownSync(path, NOBODY, NOBODY);
    const cf = configAt(path, join(dir, 'data'));
    const err = await rejection(cf.apply(LM));
    expect(err.code).toBe('read-only');
    expect(err.message).toContain(`another user (uid ${NOBODY})`);
    expect(readFileSync(path, 'utf8')).toBe('{ // theirs\n}\n');
    expect(statSync(path).uid).toBe(NOBODY);
    expect(await cf.backups.list()).toEqual([]);
    const text = await cli(envFor(dir, path), 'config', 'path');
    expect(text.out).toContain('read-only: the file belongs to another user');
  });

  it('config path says when Warmclaw may write the file', async () => {
    const dir = tempDir();
    const path = join(dir, 'openclaw.json');
    writeFileSync(path, '{}\n', { mode: 0o600 });
    expect((await cli(envFor(dir, path), 'config', 'path')).out).toBe(`${path}\nWarmclaw may write it.`);
  });
});
