// Persisted settings in Warmclaw's data folder (settings.json), through `conf` (the engine of
// electron-store, which the Electron app uses on this same file: docs/decisions/0006-card-libraries.md).
// The daemon, the CLI and the Electron app all open it with settingsFileOptions() below, so every mode
// reads and writes one file in one format (conf's: tab-indented JSON, written atomically, mode 0600),
// and zod (src/shared/settings.ts) is the one schema: conf's own JSON-schema validation is not used.
// A file that is not a JSON object, or does not pass the schema, is reported and never overwritten.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Conf, { type Options as ConfOptions } from 'conf';
import { msg } from '../../../shared/messages';
import { WarmclawError } from '../errors';
import { settingsSchema, type Settings } from '../../../shared/settings';

type SettingsRecord = Record<string, unknown>;

/** What a store needs from conf (electron-store is a subclass, so either fits). */
export type SettingsFile = Pick<Conf<SettingsRecord>, 'store' | 'path'>;

/** Opens the file; the Electron app passes one that builds an electron-store with these same options. */
export type SettingsFileOpener = (options: SettingsFileOptions) => SettingsFile;

/** conf's options for settings.json; `cwd` + `configName` + `fileExtension` name the file. */
export type SettingsFileOptions = ConfOptions<SettingsRecord> & { cwd: string; configName: string };

/** Thrown by the reader for a file whose JSON is not an object (conf would merge it into {} and lose it). */
class NotAnObjectError extends Error {}

/** The one definition of the file: where, how it is (de)serialized, and who may read it. */
export function settingsFileOptions(dataDir: string): SettingsFileOptions {
  return {
    cwd: dataDir,
    configName: 'settings',
    fileExtension: 'json',
    // Only this user: the file names endpoints (and env var names for their keys).
    configFileMode: 0o600,
    // Never replace a file we cannot read with an empty one: the user fixes it (or deletes it).
    clearInvalidConfig: false,
    // Keys are whole top-level sections; no "a.b" lookups.
    accessPropertiesByDotNotation: false,
    watch: false,
    serialize: (value) => JSON.stringify(value, undefined, '\t'),
    // An empty file (e.g. just created by hand) is an empty settings object, as before.
    deserialize: (text) => {
      if (text.trim() === '') return {};
      const value: unknown = JSON.parse(text);
      if (!value || typeof value !== 'object' || Array.isArray(value)) throw new NotAnObjectError('the file does not hold a JSON object');
      return value as SettingsRecord;
    },
  };
}

/** conf's own file (daemon, CLI); the Electron app opens an electron-store instead. */
export const openConfFile: SettingsFileOpener = (options) => new Conf<SettingsRecord>(options);

export class SettingsStore {
  readonly path: string;
  private readonly file: SettingsFile;

  constructor(dataDir: string, open: SettingsFileOpener = openConfFile) {
    const options = settingsFileOptions(dataDir);
    this.path = join(dataDir, 'settings.json'); // for messages until conf names it
    // conf would create a missing folder with the default mode; Warmclaw's data folder is private.
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    // conf reads the file as it opens it: a file that is not JSON is reported here, and never overwritten.
    this.file = this.guard(() => open(options));
    this.path = this.file.path;
  }

  /** Runs a read through conf, turning its parse and I/O errors into one plain message. */
  private guard<T>(fn: () => T): T {
    try {
      return fn();
    } catch (err) {
      if (err instanceof WarmclawError) throw err;
      const e = err as NodeJS.ErrnoException;
      if (e instanceof SyntaxError || e instanceof NotAnObjectError) {
        throw new WarmclawError('invalid-file', msg('settings.not-json', { file: this.path, detail: e.message }), { file: this.path });
      }
      throw new WarmclawError('invalid-file', msg('settings.unreadable', { file: this.path, detail: e.message }), { file: this.path });
    }
  }

  /** The file's JSON (re-read on every call, so edits by hand or by the other process are seen); {} when absent. */
  private read(): SettingsRecord {
    return this.guard(() => this.file.store);
  }

  /** Current settings; a hand-broken file is reported, never silently reset. */
  get(): Settings {
    const parsed = settingsSchema.safeParse(this.read());
    if (!parsed.success) {
      const where = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
      throw new WarmclawError('invalid-file', msg('settings.invalid', { file: this.path, where }), { file: this.path });
    }
    return parsed.data;
  }

  /** Applies a change; the result is validated before anything is written. */
  update(change: (s: Settings) => Settings): Settings {
    const next = settingsSchema.safeParse(change(this.get()));
    if (!next.success) {
      throw new WarmclawError('invalid-input', msg('settings.invalid-change', { issues: next.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') }));
    }
    // conf writes atomically (temp file with configFileMode, then rename).
    this.file.store = next.data as SettingsRecord;
    return next.data;
  }
}
