// Where "use local first" remembers the order it replaced: Warmclaw's own state file, keyed by the
// config path, so the user's openclaw.json never carries a key OpenClaw's schema does not know.
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../fs-atomic';
import { routingOf } from './agents';
import type { LocalFirstMemory } from './edits';

interface StateFile {
  localFirst?: Record<string, LocalFirstMemory>;
}

export class LocalFirstStore {
  private readonly file: string;

  constructor(private readonly dataDir: string) {
    this.file = join(dataDir, 'state.json');
  }

  private async load(): Promise<StateFile> {
    try {
      return JSON.parse(await readFile(this.file, 'utf8')) as StateFile;
    } catch {
      return {};
    }
  }

  async get(configPath: string): Promise<LocalFirstMemory | null> {
    return (await this.load()).localFirst?.[configPath] ?? null;
  }

  /** Stores (or with null, forgets) the memory for one config file. */
  async set(configPath: string, memory: LocalFirstMemory | null): Promise<void> {
    const state = await this.load();
    const map = { ...(state.localFirst ?? {}) };
    if (memory) map[configPath] = memory;
    else delete map[configPath];
    await mkdir(this.dataDir, { recursive: true, mode: 0o700 });
    await writeFileAtomic(this.file, JSON.stringify({ ...state, localFirst: map }, null, 2) + '\n', { mode: 0o600 });
  }
}

/** The routing "local first off" would bring back, read from the remembered raw value (any shape). */
export function restoredOrder(memory: LocalFirstMemory | null): { primary?: string; fallbacks: string[] } | undefined {
  if (!memory) return undefined;
  const raw = memory.previous;
  if (raw === undefined || raw === null) return { fallbacks: [] };
  const r = routingOf(raw);
  return r && { ...(r.primary !== undefined && { primary: r.primary }), fallbacks: r.fallbacks };
}
