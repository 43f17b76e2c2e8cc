import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { WarmclawError } from '../../../../src/main/core/errors';
import { SettingsStore, type SettingsFileOpener } from '../../../../src/main/core/settings/settings-store';
import { DEFAULT_SCAN_PORTS } from '../../../../src/shared/settings';
import { tempDir } from '../../../helpers/tmp';

describe('SettingsStore', () => {
  it('fills defaults, persists changes privately, and validates before writing', () => {
    const store = new SettingsStore(tempDir());
    expect(store.get()).toMatchObject({ scan: { enabled: true, ports: [...DEFAULT_SCAN_PORTS] }, failover: { enabled: false }, warm: { enabled: true, keepAlive: '30m' } });
    store.update((s) => ({ ...s, endpoints: [{ baseUrl: 'http://127.0.0.1:8000' }] }));
    expect(new SettingsStore(store.path.replace(/\/settings\.json$/, '')).get().endpoints).toEqual([{ baseUrl: 'http://127.0.0.1:8000' }]);
    expect(statSync(store.path).mode & 0o777).toBe(0o600);
    const before = readFileSync(store.path, 'utf8');
    expect(() => store.update((s) => ({ ...s, poll: { fastMs: 10, slowMs: 15_000 } }))).toThrow(WarmclawError);
    expect(readFileSync(store.path, 'utf8')).toBe(before);
  });

  it('reports a hand-broken settings file instead of resetting it', () => {
    const dir = tempDir();
    const store = new SettingsStore(dir);
    store.update((s) => s);
    writeFileSync(store.path, JSON.stringify({ warm: { keepAlive: 'forever' } }));
    expect(() => new SettingsStore(dir).get()).toThrow(/warm\.keepAlive/);
    expect(readFileSync(store.path, 'utf8')).toContain('forever');
  });
});

describe('SettingsStore with a file that is not JSON', () => {
  it('says so and leaves the file alone', () => {
    const dir = tempDir();
    writeFileSync(`${dir}/settings.json`, '{ nope');
    expect(() => new SettingsStore(dir)).toThrow(/not valid JSON/);
    expect(readFileSync(`${dir}/settings.json`, 'utf8')).toBe('{ nope');
  });
});

describe('one settings file for the daemon, the CLI and the Electron app', () => {
  // electron-store runs outside Electron too (it only needs app paths when given no cwd), so the real
  // library reads and writes here, beside conf. Importing `electron` in plain Node resolves the binary's
  // path (and would try to download a missing one): its documented override points it elsewhere.
  let openElectronSettingsFile: SettingsFileOpener;
  beforeAll(async () => {
    process.env.ELECTRON_OVERRIDE_DIST_PATH ??= tempDir();
    ({ openElectronSettingsFile } = await import('../../../../src/main/electron/settings-file'));
  });

  it("the app's electron-store and the daemon's conf read and write the same file in the same format", () => {
    const dir = tempDir();
    const daemon = new SettingsStore(dir);
    const app = new SettingsStore(dir, openElectronSettingsFile);
    expect(app.path).toBe(daemon.path);
    daemon.update((s) => ({ ...s, endpoints: [{ baseUrl: 'http://127.0.0.1:1234', kind: 'lmstudio' }] }));
    expect(app.get().endpoints).toEqual([{ baseUrl: 'http://127.0.0.1:1234', kind: 'lmstudio' }]);
    const written = app.update((s) => ({ ...s, language: 'vi' }));
    expect(daemon.get().language).toBe('vi');
    expect(readFileSync(daemon.path, 'utf8')).toBe(JSON.stringify(written, undefined, '\t'));
    expect(statSync(daemon.path).mode & 0o777).toBe(0o600);
  });

  it('reads a file an earlier version (or a person) wrote as it is, without rewriting it on open', () => {
    const dir = tempDir();
    const old = JSON.stringify({ scan: { enabled: false, ports: [] }, warm: { keepAlive: '1h', paused: true }, notifications: false });
    writeFileSync(`${dir}/settings.json`, old);
    for (const store of [new SettingsStore(dir), new SettingsStore(dir, openElectronSettingsFile)]) {
      expect(store.get()).toMatchObject({ scan: { enabled: false, ports: [] }, warm: { keepAlive: '1h', paused: true, enabled: true }, notifications: false });
    }
    expect(readFileSync(`${dir}/settings.json`, 'utf8')).toBe(old);
    writeFileSync(`${dir}/settings.json`, '  \n');
    expect(new SettingsStore(dir).get().warm.keepAlive).toBe('30m'); // an empty file is empty settings
  });

  it('reports JSON that is not an object (conf alone would merge it into {} and the next write would lose it)', () => {
    const dir = tempDir();
    for (const text of ['[1, 2]', 'null', '"x"']) {
      writeFileSync(`${dir}/settings.json`, text);
      expect(() => new SettingsStore(dir).get(), text).toThrow(/not valid JSON settings.*Warmclaw did not change it/);
      expect(readFileSync(`${dir}/settings.json`, 'utf8')).toBe(text);
    }
  });

  it('a file broken while running is reported by get() and update() leaves it alone', () => {
    const dir = tempDir();
    const store = new SettingsStore(dir);
    store.update((s) => s);
    writeFileSync(store.path, '{ "warm": ');
    expect(() => store.get()).toThrow(/not valid JSON settings/);
    expect(() => store.update((s) => ({ ...s, language: 'vi' }))).toThrow(WarmclawError);
    expect(readFileSync(store.path, 'utf8')).toBe('{ "warm": ');
  });
});
