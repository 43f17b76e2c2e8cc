// Saves settings patches for one section: "Saving…" → "Saved" (or "Not saved"). The control being
// saved is disabled meanwhile (keyed, so the rest of the section stays usable: a blur that saves one
// field must not swallow the click on the next), and keyboard focus is put back on it afterwards
// (the browser drops focus from a disabled control).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { SettingsPatch } from '../../../../shared/contract';
import { useSettingsStore } from '../../stores/settings-store';

export type SaveState = 'idle' | 'saving' | 'saved' | 'error';

export interface Saver {
  state: SaveState;
  /** True while the save started with this key runs. */
  busy(key: string): boolean;
  save(key: string, patch: SettingsPatch): Promise<boolean>;
}

const SAVED_VISIBLE_MS = 2500;

export function useSave(): Saver {
  const update = useSettingsStore((s) => s.update);
  const [state, setState] = useState<SaveState>('idle');
  const [busyKeys, setBusyKeys] = useState<string[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const inFlight = useRef(0);
  const focused = useRef<HTMLElement | null>(null);

  useEffect(() => () => clearTimeout(timer.current), []);

  // Once controls are enabled again: give focus back if the browser dropped it.
  useEffect(() => {
    if (busyKeys.length) return;
    const el = focused.current;
    focused.current = null;
    if (el && el.isConnected && (!document.activeElement || document.activeElement === document.body)) el.focus();
  }, [busyKeys]);

  const save = useCallback(
    async (key: string, patch: SettingsPatch) => {
      clearTimeout(timer.current);
      const active = document.activeElement;
      if (active instanceof HTMLElement && active !== document.body) focused.current = active;
      inFlight.current++;
      setBusyKeys((k) => [...k, key]);
      setState('saving');
      const ok = await update(patch);
      inFlight.current--;
      setBusyKeys((k) => {
        const i = k.indexOf(key);
        return i < 0 ? k : [...k.slice(0, i), ...k.slice(i + 1)];
      });
      if (!ok) setState('error');
      else if (!inFlight.current) {
        setState((s) => (s === 'error' ? s : 'saved'));
        timer.current = setTimeout(() => setState('idle'), SAVED_VISIBLE_MS);
      }
      return ok;
    },
    [update],
  );

  const busy = useCallback((key: string) => busyKeys.includes(key), [busyKeys]);
  return { state, busy, save };
}
