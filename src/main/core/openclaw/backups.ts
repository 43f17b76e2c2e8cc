// Timestamped copies of openclaw.json taken before each Warmclaw write, kept in Warmclaw's own data
// folder (not next to the user's file, where OpenClaw keeps its own .bak). The newest 50 are kept.
// A backup is taken before the write and marked pending; only a write that landed commits it, a failed
// one removes it, so undo never points at a write that did not happen and failures push out no history.
// Files are 0600 in a 0700 folder: they hold the same secrets as openclaw.json.
import { createHash, randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../fs-atomic';
import type { LocalFirstMemory } from './edits';
import { english, type Message, type WireMessage } from '../../../shared/messages';
import { messageSchema } from '../../../shared/message-schema';

export const MAX_BACKUPS = 50;

export interface BackupInfo {
  id: string;
  createdAt: string;
  bytes: number;
  /** What the write that followed this backup did, e.g. "Local first on: …". */
  reason: string;
  /** `reason` as a code the UI translates (absent in backups older than the codes). */
  reasonMsg?: WireMessage;
  /** Warmclaw's local-first memory at that moment, so undo restores it along with the file. */
  localFirstBefore?: LocalFirstMemory | null;
  /** Who made the write when it was not the user: auto-failover, with its reason. */
  origin?: WriteOrigin;
}

/** A write Warmclaw made on its own (History says so, with why). */
export interface WriteOrigin {
  by: 'failover';
  why: string;
  whyMsg?: WireMessage;
}

/** A message read back from a meta file, only when it is still one this build can say. */
function storedMessage(v: unknown): WireMessage | undefined {
  const r = messageSchema.safeParse(v);
  return r.success ? r.data : undefined;
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

  /** Saves `text` (the file before a write) as a pending backup: `commit` it once the write landed, else `remove` it. */
  async save(text: string, said: string | Message, localFirstBefore: LocalFirstMemory | null = null, origin?: WriteOrigin): Promise<BackupInfo> {
    const reason = english(said);
    const reasonMsg = typeof said === 'string' ? undefined : said;
    await this.ensureDir();
    await writeFileAtomic(join(this.dir, 'source.txt'), this.configPath, { mode: 0o600 });
    const createdAt = new Date().toISOString();
    // Sortable by name: timestamp first, then a random tail so two writes in one millisecond never collide.
    const id = `${createdAt.replace(/[:.]/g, '-')}-${randomBytes(3).toString('hex')}`;
    await writeFileAtomic(join(this.dir, `${id}.json5`), text, { mode: 0o600 });
    await this.writeMeta(id, { createdAt, reason, ...(reasonMsg && { reasonMsg }), localFirstBefore, ...(origin && { origin }), pending: true });
    return { id, createdAt, bytes: Buffer.byteLength(text), reason, ...(reasonMsg && { reasonMsg }), localFirstBefore, ...(origin && { origin }) };
  }

  /** The write after backup `b` landed: the backup becomes history (and the oldest beyond MAX_BACKUPS go). */
  async commit(b: BackupInfo): Promise<void> {
    await this.writeMeta(b.id, { createdAt: b.createdAt, reason: b.reason, ...(b.reasonMsg && { reasonMsg: b.reasonMsg }), localFirstBefore: b.localFirstBefore ?? null, ...(b.origin && { origin: b.origin }) });
    await this.prune();
  }

  /** Committed backups, newest first (pending ones belong to a write still running, or to debris). */
  async list(): Promise<BackupInfo[]> {
    const all = await Promise.all((await this.ids()).map((id) => this.entry(id)));
    return all.filter((b): b is BackupInfo & { pending?: boolean } => b !== undefined && !b.pending).map(({ pending: _p, ...b }) => b);
  }

  /**
   * Removes what killed writes leave (run under the file lock, when no write is running): a pending
   * backup whose write never landed (the file still has its bytes) or that has no metadata at all.
   * A pending backup whose write did land (the file moved on) is committed. Also re-tightens modes.
   */
  async cleanUp(currentText: string | undefined): Promise<void> {
    const names = await readdir(this.dir).catch(() => undefined);
    if (!names) return;
    await this.ensureDir();
    for (const id of await this.ids()) {
      const b = await this.entry(id);
      if (b && !b.pending) continue;
      const text = await readFile(join(this.dir, `${id}.json5`), 'utf8').catch(() => undefined);
      if (b?.pending && text !== undefined && currentText !== undefined && text !== currentText) await this.commit(b);
      else await this.remove(id);
    }
    // Metadata whose backup is gone.
    for (const n of await readdir(this.dir).catch(() => [] as string[])) {
      if (n.endsWith('.meta.json') && !names.includes(`${n.slice(0, -'.meta.json'.length)}.json5`)) await rm(join(this.dir, n), { force: true });
    }
    await Promise.all((await readdir(this.dir).catch(() => [] as string[])).map((n) => chmod(join(this.dir, n), 0o600).catch(() => undefined)));
  }

  private async entry(id: string): Promise<(BackupInfo & { pending?: boolean }) | undefined> {
    const raw = await readFile(join(this.dir, `${id}.meta.json`), 'utf8').catch(() => undefined);
    const st = await stat(join(this.dir, `${id}.json5`)).catch(() => undefined);
    if (raw === undefined || !st) return undefined;
    let meta: Partial<BackupInfo> & { pending?: boolean };
    try {
      meta = JSON.parse(raw) as typeof meta;
    } catch {
      return undefined;
    }
    const whyMsg = storedMessage(meta.origin?.whyMsg);
    const origin = meta.origin?.by === 'failover' && typeof meta.origin.why === 'string' ? { by: 'failover' as const, why: meta.origin.why, ...(whyMsg && { whyMsg }) } : undefined;
    const reasonMsg = storedMessage(meta.reasonMsg);
    return { id, createdAt: meta.createdAt ?? st.mtime.toISOString(), reason: meta.reason ?? '', ...(reasonMsg && { reasonMsg }), bytes: st.size, localFirstBefore: meta.localFirstBefore ?? null, ...(origin && { origin }), pending: meta.pending === true };
  }

  private async writeMeta(id: string, meta: object): Promise<void> {
    await writeFileAtomic(join(this.dir, `${id}.meta.json`), JSON.stringify(meta), { mode: 0o600 });
  }

  private async ensureDir(): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    // mkdir leaves an existing folder as it was: a folder made by an older version or by hand is tightened here.
    await chmod(this.dir, 0o700).catch(() => undefined);
    await chmod(join(this.dir, '..'), 0o700).catch(() => undefined);
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

  /** Keeps the newest MAX_BACKUPS committed backups: debris of killed writes never pushes history out. */
  private async prune(): Promise<void> {
    const committed = (await this.list()).map((b) => b.id);
    await Promise.all(committed.slice(MAX_BACKUPS).map((id) => this.remove(id)));
  }
}
