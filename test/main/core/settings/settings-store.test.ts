import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WarmclawError } from '../../../../src/main/core/errors';
import { SettingsStore } from '../../../../src/main/core/settings/settings-store';
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
