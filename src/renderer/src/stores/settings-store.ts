// Warmclaw's own settings (same schema as the daemon and CLI). Updates are patches; the answer is
// the whole new settings object.
import { create } from 'zustand';
import type { SettingsPatch } from '../../../shared/contract';
import type { Settings } from '../../../shared/settings';
import { apiClient, unwrap } from '../api/client';
import { useToastStore } from './toast-store';

interface SettingsState {
  settings: Settings | null;
  error: string | null;
  saving: boolean;
  load(): Promise<void>;
  /** Applies a patch; resolves true when saved. */
  update(patch: SettingsPatch): Promise<boolean>;
  addEndpoint(input: { baseUrl: string; kind?: Settings['endpoints'][number]['kind']; label?: string }): Promise<boolean>;
  removeEndpoint(baseUrl: string): Promise<boolean>;
}

export const useSettingsStore = create<SettingsState>()((set, get) => ({
  settings: null,
  error: null,
  saving: false,

  async load() {
    try {
      set({ settings: await unwrap(apiClient().call('settings.get')), error: null });
    } catch (err) {
      set({ error: (err as Error).message });
    }
  },

  async update(patch) {
    set({ saving: true });
    try {
      set({ settings: await unwrap(apiClient().call('settings.update', patch)), error: null });
      return true;
    } catch (err) {
      useToastStore.getState().push({ kind: 'error', text: (err as Error).message });
      return false;
    } finally {
      set({ saving: false });
    }
  },

  async addEndpoint(input) {
    try {
      await unwrap(apiClient().call('endpoints.add', input));
      await get().load();
      return true;
    } catch (err) {
      useToastStore.getState().push({ kind: 'error', text: (err as Error).message });
      return false;
    }
  },

  async removeEndpoint(baseUrl) {
    try {
      await unwrap(apiClient().call('endpoints.remove', { baseUrl }));
      await get().load();
      return true;
    } catch (err) {
      useToastStore.getState().push({ kind: 'error', text: (err as Error).message });
      return false;
    }
  },
}));
