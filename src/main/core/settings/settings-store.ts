// Persisted settings in Warmclaw's data folder (settings.json). conf in Node; the Electron app opens
// the same file through electron-store with this same schema, so both modes share one truth.
import Conf from 'conf';
import { WarmclawError } from '../errors';
import { settingsSchema, type Settings } from '../../../shared/settings';

export class SettingsStore {
  private readonly conf: Conf<Record<string, unknown>>;

  constructor(dataDir: string) {
    // conf writes atomically and keeps the file 0600-friendly; zod (not conf's ajv) owns validation.
    try {
      this.conf = new Conf<Record<string, unknown>>({ cwd: dataDir, configName: 'settings', projectName: 'warmclaw', configFileMode: 0o600 });
    } catch (err) {
      throw new WarmclawError('invalid-file', `${dataDir}/settings.json is not valid JSON (${(err as Error).message}). Fix or delete that file; Warmclaw did not change it.`);
    }
  }

  get path(): string {
    return this.conf.path;
  }

  /** Current settings; a hand-broken file is reported, never silently reset. */
  get(): Settings {
    const parsed = settingsSchema.safeParse(this.conf.store);
    if (!parsed.success) {
      const where = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
      throw new WarmclawError('invalid-file', `${this.conf.path} has invalid settings (${where}). Fix or delete that file; Warmclaw did not change it.`, { file: this.conf.path });
    }
    return parsed.data;
  }

  /** Applies a change; the result is validated before anything is written. */
  update(change: (s: Settings) => Settings): Settings {
    const next = settingsSchema.safeParse(change(this.get()));
    if (!next.success) {
      throw new WarmclawError('invalid-input', `Invalid setting: ${next.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    }
    this.conf.store = next.data as unknown as Record<string, unknown>;
    return next.data;
  }
}
