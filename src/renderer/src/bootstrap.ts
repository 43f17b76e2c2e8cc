// Loads every store once and keeps them current from pushed events. Returns the teardown.
import { apiClient } from './api/client';
import { setLanguage } from './i18n';
import { useConfigStore } from './stores/config-store';
import { useSettingsStore } from './stores/settings-store';
import { useStatusStore } from './stores/status-store';
import { useToastStore } from './stores/toast-store';

export async function startApp(): Promise<() => void> {
  const client = apiClient();
  const status = useStatusStore.getState();
  const config = useConfigStore.getState();
  const settings = useSettingsStore.getState();

  let configTimer: ReturnType<typeof setTimeout> | undefined;
  // Context-window findings depend on what servers loaded: re-read the view when they change.
  const reloadConfigSoon = () => {
    clearTimeout(configTimer);
    configTimer = setTimeout(() => void useConfigStore.getState().load(), 800);
  };

  const offEvents = client.subscribe((ev) => {
    useStatusStore.getState().applyEvent(ev);
    if (ev.type === 'config-changed') {
      if (ev.what === 'config') {
        void useConfigStore.getState().load();
        void useConfigStore.getState().loadBackups();
      } else void useSettingsStore.getState().load();
    } else if (ev.type === 'config-checked') {
      // OpenClaw's CLI looked at a write after it landed (the write stands): say what it found.
      if (ev.status === 'new-issues') useToastStore.getState().push({ kind: 'error', text: ev.message });
      for (const w of ev.warnings) useToastStore.getState().push({ kind: w.severity === 'info' ? 'info' : 'error', text: w.message });
    } else if (ev.type === 'endpoint-changed' || ev.type === 'failover') reloadConfigSoon();
  });
  const offConn = client.onConnection((s) => useStatusStore.getState().setConnection(s));
  const offLang = useSettingsStore.subscribe((s, prev) => {
    if (s.settings && s.settings.language !== prev.settings?.language) setLanguage(s.settings.language);
  });

  await Promise.all([status.load(), config.load(), config.loadBackups(), settings.load()]);
  return () => {
    clearTimeout(configTimer);
    offEvents();
    offConn();
    offLang();
  };
}
