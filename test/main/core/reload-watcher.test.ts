import { mkdirSync, writeFileSync, renameSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/main/core/log/logger';
import { watchForReload } from '../../../src/main/core/reload-watcher';
import { tempDir } from '../../helpers/tmp';

const root = tempDir('warmclaw-reload-');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('watchForReload', () => {
  it('reloads once per burst of changes to openclaw.json or settings.json (also when replaced by rename), ignores other files, stops on close', async () => {
    const cfgDir = join(root, 'openclaw');
    const dataDir = join(root, 'data');
    mkdirSync(cfgDir, { recursive: true });
    mkdirSync(dataDir, { recursive: true });
    const configPath = join(cfgDir, 'openclaw.json');
    writeFileSync(configPath, '{}');
    let reloads = 0;
    let notified = 0;
    const stop = watchForReload({ reload: async () => void reloads++ }, { configPath, dataDir, logger: createLogger({ write: () => undefined }), debounceMs: 50, onReloaded: () => void notified++ });
    try {
      writeFileSync(join(cfgDir, 'other.txt'), 'x');
      await sleep(200);
      expect(reloads).toBe(0);

      for (let i = 0; i < 5; i++) writeFileSync(configPath, `{ a: ${i} }`);
      await expect.poll(() => reloads).toBe(1);
      await sleep(150);
      expect(reloads).toBe(1);
      expect(notified).toBe(1);

      // Editors and OpenClaw replace the file: a temp file renamed over it.
      writeFileSync(join(cfgDir, '.tmp'), '{ b: 1 }');
      renameSync(join(cfgDir, '.tmp'), configPath);
      await expect.poll(() => reloads).toBe(2);

      writeFileSync(join(dataDir, 'settings.json'), '{}');
      await expect.poll(() => reloads).toBe(3);
    } finally {
      stop();
    }
    writeFileSync(configPath, '{ c: 1 }');
    await sleep(200);
    expect(reloads).toBe(3);
  });

  it('follows a symlinked openclaw.json: a change in the target\'s folder reloads', async () => {
    const linkDir = join(root, 'home');
    const targetDir = join(root, 'dotfiles');
    const dataDir = join(root, 'data2');
    for (const d of [linkDir, targetDir, dataDir]) mkdirSync(d, { recursive: true });
    const target = join(targetDir, 'openclaw.json');
    writeFileSync(target, '{}');
    const configPath = join(linkDir, 'openclaw.json');
    symlinkSync(target, configPath);
    let reloads = 0;
    const stop = watchForReload({ reload: async () => void reloads++ }, { configPath, dataDir, logger: createLogger({ write: () => undefined }), debounceMs: 50 });
    try {
      writeFileSync(join(targetDir, '.tmp'), '{ b: 1 }');
      renameSync(join(targetDir, '.tmp'), target);
      await expect.poll(() => reloads).toBe(1);
    } finally {
      stop();
    }
  });
});
