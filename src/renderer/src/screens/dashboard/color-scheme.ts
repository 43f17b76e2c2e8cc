// The OS colour scheme as React state, so charts drawn with the theme's CSS variables redraw when it flips.
import { useEffect, useMemo, useState } from 'react';

/** Re-renders when the OS switches between light and dark, so the colours follow. */
export function useColorScheme(): 'light' | 'dark' {
  const query = useMemo(() => (typeof window !== 'undefined' && window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : null), []);
  const [dark, setDark] = useState(query?.matches ?? false);
  useEffect(() => {
    if (!query) return;
    const on = (e: MediaQueryListEvent) => setDark(e.matches);
    query.addEventListener('change', on);
    return () => query.removeEventListener('change', on);
  }, [query]);
  return dark ? 'dark' : 'light';
}
