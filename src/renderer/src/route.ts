// The screens, kept in the URL hash so reloads and the tray's "Open Warmclaw" land where you were.
import { useEffect, useState } from 'react';

export const screens = ['dashboard', 'routing', 'providers', 'settings', 'logs'] as const;
export type Screen = (typeof screens)[number];

const fromHash = (): Screen => {
  const h = window.location.hash.replace(/^#\/?/, '');
  return (screens as readonly string[]).includes(h) ? (h as Screen) : 'dashboard';
};

export function useScreen(): [Screen, (s: Screen) => void] {
  const [screen, setScreen] = useState<Screen>(fromHash);
  useEffect(() => {
    const on = () => setScreen(fromHash());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return [screen, (s) => (window.location.hash = `/${s}`)];
}

/** Lets any component switch screens (e.g. the empty state's "Add a provider"). */
export function goTo(s: Screen): void {
  window.location.hash = `/${s}`;
}
