import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { it } from 'vitest';

/** Our own corpus (test/fixtures/openclaw-configs): always there, so a fresh clone tests everything. */
export const ownCorpusDir = resolve(__dirname, '..', 'fixtures', 'openclaw-configs');
/**
 * The shared research corpus (38 real files from public repositories), when shared/ sits beside the
 * repository. WARMCLAW_SHARED_CORPUS points elsewhere (a missing path = what a fresh clone sees).
 */
export const sharedCorpusDir = process.env.WARMCLAW_SHARED_CORPUS ?? resolve(__dirname, '..', '..', '..', 'shared', 'fixtures', 'openclaw-configs');
export const hasSharedCorpus = existsSync(join(sharedCorpusDir, 'real'));
export const sharedSkipReason = `shared corpus not found at ${sharedCorpusDir}: only the in-repo corpus runs`;

export interface CorpusFile {
  name: string;
  path: string;
  text: string;
  corpus: 'own' | 'shared';
}

function load(base: string, corpus: CorpusFile['corpus'], sub: string): CorpusFile[] {
  const dir = join(base, sub);
  return readdirSync(dir)
    .sort()
    .map((name) => ({ name, path: join(dir, name), text: readFileSync(join(dir, name), 'utf8'), corpus }));
}

export const ownRealConfigs = (): CorpusFile[] => load(ownCorpusDir, 'own', 'real');
export const ownInvalidConfigs = (): CorpusFile[] => load(ownCorpusDir, 'own', 'invalid');
export const sharedRealConfigs = (): CorpusFile[] => (hasSharedCorpus ? load(sharedCorpusDir, 'shared', 'real') : []);
export const sharedInvalidConfigs = (): CorpusFile[] => (hasSharedCorpus ? load(sharedCorpusDir, 'shared', 'invalid') : []);

/** Ours, then the shared corpus's when it is there. */
export const realConfigs = (): CorpusFile[] => [...ownRealConfigs(), ...sharedRealConfigs()];
export const invalidConfigs = (): CorpusFile[] => [...ownInvalidConfigs(), ...sharedInvalidConfigs()];

/**
 * Call inside a corpus suite: without the shared corpus it adds a skipped test named after the reason
 * (so the report shows what did not run) and prints it once per file.
 */
export function noteSharedCorpus(): void {
  if (hasSharedCorpus) return;
  console.info(`[corpus] ${sharedSkipReason}`);
  it.skip(`shared corpus: ${sharedSkipReason}`, () => undefined);
}
