// bin/warmclaw.mjs on the machine's old system Node (20): it re-runs itself with the project's Node 24
// and answers normally, without npm's engine warnings. Skips, saying why, where no Node 20 is found.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/tmp';

const bin = resolve(__dirname, '../../bin/warmclaw.mjs');

/** A Node 20 binary: /usr/local/bin/node or any `node` on PATH (`which -a`) that reports v20. */
function findNode20(): string | null {
  const candidates = ['/usr/local/bin/node', '/usr/bin/node', '/bin/node'];
  try {
    candidates.push(...execFileSync('which', ['-a', 'node'], { encoding: 'utf8' }).split('\n').filter(Boolean));
  } catch {
    // no `which`, or no node on PATH: the fixed candidates remain
  }
  for (const p of new Set(candidates)) {
    if (!existsSync(p)) continue;
    const v = spawnSync(p, ['--version'], { encoding: 'utf8' }).stdout?.trim() ?? '';
    if (v.startsWith('v20.')) return p;
  }
  return null;
}

const node20 = findNode20();
if (!node20) console.info('[bin] no Node 20 on this machine (/usr/local/bin/node, `which -a node`): the old-Node test is skipped.');

describe.skipIf(!node20)(`bin/warmclaw.mjs on Node 20${node20 ? ` (${node20})` : ' (skipped: no Node 20 found)'}`, () => {
  const run = (args: string[], env: NodeJS.ProcessEnv) => spawnSync(node20!, [bin, ...args], { encoding: 'utf8', env, timeout: 120_000 });

  it('answers --help', () => {
    const dir = tempDir();
    // PATH without the project's node_modules/.bin: as from a plain shell.
    const r = run(['--help'], { PATH: '/usr/local/bin:/usr/bin:/bin', HOME: dir });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Usage: warmclaw /);
    expect(r.stdout).toContain('daemon [--ui [--port N]]');
    expect(r.stderr).not.toMatch(/EBADENGINE|needs Node/);
  });

  it('answers `config path` with the file OPENCLAW_CONFIG_PATH names', () => {
    const dir = tempDir();
    const config = join(dir, 'openclaw.json');
    const r = run(['config', 'path'], { PATH: '/usr/local/bin:/usr/bin:/bin', HOME: dir, OPENCLAW_CONFIG_PATH: config });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(config);
    expect(r.stderr).not.toMatch(/EBADENGINE|needs Node/);
  });
});
