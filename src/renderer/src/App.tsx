// The window: top bar (brand, sections, the tray's state, connection), the current screen, the diff
// dialog every config change passes through, and toasts. Marks itself ready for tests once loaded.
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { startApp } from './bootstrap';
import { ConfigBanner } from './components/ConfigBanner';
import { DiffPreviewDialog } from './components/DiffPreviewDialog';
import { Logo } from './components/Logo';
import { SummaryPill } from './components/SummaryPill';
import { Toasts } from './components/Toasts';
import { screens, useScreen, type Screen } from './route';
import { DashboardScreen } from './screens/DashboardScreen';
import { useStatusStore } from './stores/status-store';

// The dashboard is what opens first; the other screens (and their drag-and-drop and form code) load
// when first visited, so the window is ready sooner.
const RoutingScreen = lazy(() => import('./screens/RoutingScreen').then((m) => ({ default: m.RoutingScreen })));
const ProvidersScreen = lazy(() => import('./screens/ProvidersScreen').then((m) => ({ default: m.ProvidersScreen })));
const SettingsScreen = lazy(() => import('./screens/SettingsScreen').then((m) => ({ default: m.SettingsScreen })));
const LogsScreen = lazy(() => import('./screens/LogsScreen').then((m) => ({ default: m.LogsScreen })));

const SCREEN: Record<Screen, React.ComponentType> = {
  dashboard: DashboardScreen,
  routing: RoutingScreen,
  providers: ProvidersScreen,
  settings: SettingsScreen,
  logs: LogsScreen,
};

/** The web UI's session ended (or this browser never signed in): say so and how to sign in again. */
function SignedOut(): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <section className="card" data-testid="signed-out" role="alert">
      <h1>{t('signedOut.title')}</h1>
      <p>{t('signedOut.body')}</p>
      <p className="muted">{t('signedOut.why')}</p>
    </section>
  );
}

export function App(): React.JSX.Element {
  const { t } = useTranslation();
  const [ready, setReady] = useState(false);
  const [screen, setScreen] = useScreen();
  const connection = useStatusStore((s) => s.connection);
  const tabRefs = useRef<Partial<Record<Screen, HTMLButtonElement | null>>>({});

  useEffect(() => {
    let stop: (() => void) | undefined;
    let cancelled = false;
    void startApp().then((s) => {
      if (cancelled) s();
      else {
        stop = s;
        setReady(true);
      }
    });
    return () => {
      cancelled = true;
      stop?.();
    };
  }, []);

  // Arrow keys move between tabs (WAI-ARIA tabs pattern); Tab leaves the tab list.
  const onTabKey = (e: React.KeyboardEvent, current: Screen) => {
    const i = screens.indexOf(current);
    const next = e.key === 'ArrowRight' ? screens[(i + 1) % screens.length] : e.key === 'ArrowLeft' ? screens[(i - 1 + screens.length) % screens.length] : e.key === 'Home' ? screens[0] : e.key === 'End' ? screens[screens.length - 1] : undefined;
    if (!next) return;
    e.preventDefault();
    setScreen(next);
    tabRefs.current[next]?.focus();
  };

  const Current = SCREEN[screen];
  return (
    <div className="app" data-app-state={ready ? 'ready' : 'loading'}>
      <a className="skip-link" href="#main" onClick={(e) => (e.preventDefault(), document.getElementById('main')?.focus())}>
        {t('theme.skip')}
      </a>
      <header className="topbar">
        <div className="brand">
          <Logo />
          <span>{t('app.name')}</span>
        </div>
        <nav aria-label={t('nav.label')}>
          <div className="tabs" role="tablist">
            {screens.map((s) => (
              <button
                key={s}
                ref={(el) => {
                  tabRefs.current[s] = el;
                }}
                className="tab"
                role="tab"
                id={`tab-${s}`}
                aria-selected={s === screen}
                aria-controls="main"
                tabIndex={s === screen ? 0 : -1}
                onClick={() => setScreen(s)}
                onKeyDown={(e) => onTabKey(e, s)}
              >
                {t(`nav.${s}`)}
              </button>
            ))}
          </div>
        </nav>
        <div className="topbar-right">
          {connection !== 'open' && (
            <span className="pill" data-tone={connection === 'lost' || connection === 'signed-out' ? 'bad' : 'warn'} role="status" data-testid="connection">
              {t(`connection.${connection}`)}
            </span>
          )}
          <SummaryPill />
        </div>
      </header>
      <main id="main" className="content" role="tabpanel" aria-labelledby={`tab-${screen}`} tabIndex={-1}>
        {connection === 'signed-out' ? (
          <SignedOut />
        ) : ready ? (
          <>
            {screen !== 'dashboard' && screen !== 'settings' && screen !== 'logs' && <ConfigBanner />}
            <Suspense fallback={<p className="muted" role="status"><span className="spinner" aria-hidden="true" /> {t('app.loading')}</p>}>
              <Current />
            </Suspense>
          </>
        ) : (
          <p className="muted" role="status">
            <span className="spinner" aria-hidden="true" /> {t('app.loading')}
          </p>
        )}
      </main>
      <DiffPreviewDialog />
      <Toasts />
    </div>
  );
}
