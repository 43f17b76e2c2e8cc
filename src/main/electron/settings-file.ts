// The Electron app's settings.json through electron-store, on the same file and in the same format as
// the daemon and CLI (electron-store is conf underneath; both get settingsFileOptions(dataDir)).
// electron-store only renames `configName` to `name`; SettingsStore keeps the zod validation.
import ElectronStore from 'electron-store';
import type { SettingsFileOpener } from '../core/settings/settings-store';

export const openElectronSettingsFile: SettingsFileOpener = ({ configName, ...options }) => new ElectronStore<Record<string, unknown>>({ ...options, name: configName });
