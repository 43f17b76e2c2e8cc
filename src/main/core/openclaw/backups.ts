// Timestamped copies of openclaw.json taken before each Warmclaw write, kept in Warmclaw's own data
// folder (not next to the user's file, where OpenClaw keeps its own .bak). The newest 50 are kept.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../fs-atomic';
import type { LocalFirstMemory } from './edits';

export const MAX_BACKUPS = 50;

export interface BackupInfo {
  id: string;
  createdAt: string;
  bytes: number;
  /** What the write that followed this backup did, e.g. "Local first on: …". */
  reason: string;
  /** Warmclaw's local-first memory at that moment, so undo restores it along with the file. */
  localFirstBefore?: LocalFirstMemory | null;
}

function folderFor(dataDir: string, configPath: string): string {
  return join(dataDir, 'backups', createHash('sha256').update(configPath).digest('hex').slice(0, 16));
}

/** The backup store of one config file. */
export class BackupStore {
  readonly dir: string;

  constructor(dataDir: string, readonly configPath: string) {
    this.dir = folderFor(dataDir, configPath);
  }

  /** Saves `text` (the file before a write) and prunes to the newest MAX_BACKUPS. */
  async save(text: string, reason: string, localFirstBefore: LocalFirstMemory | null = null): Promise<BackupInfo> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    await writeFileAtomic(join(this.dir, 'source.txt'), this.configPath, { mode: 0o600 });
    const createdAt = new Date().toISOString();
    // Sortable by name: timestamp first, then a random tail so two writes in one millisecond never collide.
    const id = `${createdAt.replace(/[:.]/g, '-')}-${randomBytes(3).toString('hex')}`;
    await writeFileAtomic(join(this.dir, `${id}.json5`), text, { mode: 0o600 });
    await writeFileAtomic(join(this.dir, `${id}.meta.json`), JSON.stringify({ createdAt, reason, localFirstBefore }), { mode: 0o600 });
    await this.prune();
    return { id, createdAt, bytes: Buffer.byteLength(text), reason, localFirstBefore };
  }

  /** Newest first. */
  async list(): Promise<BackupInfo[]> {
    const ids = await this.ids();
    return Promise.all(
      ids.map(async (id) => {
        const meta = JSON.parse(await readFile(join(this.dir, `${id}.meta.json`), 'utf8').catch(() => '{}')) as Partial<BackupInfo>;
        const st = await stat(join(this.dir, `${id}.json5`));
        return { id, createdAt: meta.createdAt ?? st.mtime.toISOString(), reason: meta.reason ?? '', bytes: st.size, localFirstBefore: meta.localFirstBefore ?? null };
      }),
    );
  }

  async read(id: string): Promise<string> {
    if (!/^[\w-]+$/.test(id)) throw new Error(`not a backup id: ${id}`);
    return readFile(join(this.dir, `${id}.json5`), 'utf8');
  }

  async remove(id: string): Promise<void> {
    await rm(join(this.dir, `${id}.json5`), { force: true });
    await rm(join(this.dir, `${id}.meta.json`), { force: true });
  }

  /** Ids newest first, from file names alone (cheap: pruning runs on every write). */
  private async ids(): Promise<string[]> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    return names.filter((n) => n.endsWith('.json5')).map((n) => n.slice(0, -'.json5'.length)).sort().reverse();
  }

  private async prune(): Promise<void> {
    await Promise.all((await this.ids()).slice(MAX_BACKUPS).map((id) => this.remove(id)));
  }
}
