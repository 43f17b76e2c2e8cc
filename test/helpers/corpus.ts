import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** shared/ sits beside the repository (in CI too: a clean clone with shared/ copied next to it). */
export const fixturesDir = resolve(__dirname, '..', '..', '..', 'shared', 'fixtures');
export const corpusDir = join(fixturesDir, 'openclaw-configs');

export interface CorpusFile {
  name: string;
  path: string;
  text: string;
}

function load(sub: string): CorpusFile[] {
  const dir = join(corpusDir, sub);
  return readdirSync(dir)
    .sort()
    .map((name) => ({ name, path: join(dir, name), text: readFileSync(join(dir, name), 'utf8') }));
}

export const realConfigs = (): CorpusFile[] => load('real');
export const invalidConfigs = (): CorpusFile[] => load('invalid');
