// Persisted settings in Warmclaw's data folder (settings.json). The daemon, the CLI and the Electron app
// all use this store with the same zod schema, so every mode shares one truth. In Node this is a small
// reader/writer of its own rather than `conf`: conf pulls in ajv (schema compilation we never use —
// zod owns validation) and cost the idle daemon about 9 MB of RSS (docs/decisions/0003-node-http-client.md).
// The file format is conf's (tab-indented JSON, mode 0600), written atomically like conf does.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WarmclawError } from '../errors';
import { writeFileAtomicSync } from '../fs-atomic';
import { settingsSchema, type Settings } from '../../../shared/settings';

export class SettingsStore {
  readonly path: string;

  constructor(dataDir: string) {
    this.path = join(dataDir, 'settings.json');
    // A file that is not JSON is reported here, as conf did, and never overwritten.
    this.read();
  }

  /** The file's JSON (re-read on every call, so edits by hand or by the Electron app are seen); {} when absent. */
  private read(): unknown {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw new WarmclawError('invalid-file', `${this.path} cannot be read (${(err as Error).message}).`, { file: this.path });
    }
    if (text.trim() === '') return {};
    try {
      return JSON.parse(text) as unknown;
    } catch (err) {
      throw new WarmclawError('invalid-file', `${this.path} is not valid JSON (${(err as Error).message}). Fix or delete that file; Warmclaw did not change it.`, { file: this.path });
    }
  }

  /** Current settings; a hand-broken file is reported, never silently reset. */
  get(): Settings {
    const parsed = settingsSchema.safeParse(this.read());
    if (!parsed.success) {
      const where = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
      throw new WarmclawError('invalid-file', `${this.path} has invalid settings (${where}). Fix or delete that file; Warmclaw did not change it.`, { file: this.path });
    }
    return parsed.data;
  }

  /** Applies a change; the result is validated before anything is written. */
  update(change: (s: Settings) => Settings): Settings {
    const next = settingsSchema.safeParse(change(this.get()));
    if (!next.success) {
      throw new WarmclawError('invalid-input', `Invalid setting: ${next.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    }
    writeFileAtomicSync(this.path, JSON.stringify(next.data, undefined, '\t'));
    return next.data;
  }
}
