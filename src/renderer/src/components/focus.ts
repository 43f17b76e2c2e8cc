// Keyboard focus bookkeeping for dialogs and for actions that remove or disable the control that
// started them. The browser drops focus to <body> when the focused element is removed or disabled;
// these helpers put it somewhere sensible instead: the opener, its card's heading, the screen heading.

/** The last element (outside any dialog) that had focus, even if a busy state has since disabled it. */
let lastFocused: HTMLElement | null = null;
if (typeof document !== 'undefined') {
  document.addEventListener(
    'focusin',
    (e) => {
      const el = e.target;
      if (el instanceof HTMLElement && el !== document.body && !el.closest('dialog')) lastFocused = el;
    },
    true,
  );
}

/** Where focus is now or, when a busy button just dropped it to <body>, where it was a moment ago. */
export function currentFocus(): HTMLElement | null {
  const a = document.activeElement;
  if (a instanceof HTMLElement && a !== document.body) return a;
  return lastFocused?.isConnected ? lastFocused : null;
}

/** Connected, enabled, rendered and not inside a closed dialog or an inert region. */
export function canFocus(el: Element | null | undefined): el is HTMLElement {
  if (!(el instanceof HTMLElement) || !el.isConnected) return false;
  if ((el as HTMLButtonElement).disabled) return false;
  if (el.closest('[inert]')) return false;
  const dlg = el.closest('dialog');
  if (dlg && !dlg.open) return false;
  return el.getClientRects().length > 0;
}

/** Focuses a heading (or any element), making it programmatically focusable first. */
export function focusElement(el: HTMLElement): boolean {
  if (!el.matches('a[href], button, input, select, textarea, [tabindex]')) el.setAttribute('tabindex', '-1');
  el.focus({ preventScroll: false });
  return document.activeElement === el;
}

/** The heading of the card or section an element sits in (cards are <section>/<article>). */
export function cardHeadingOf(el: Element | null | undefined): HTMLElement | null {
  const card = el?.closest('article, section');
  const h = card?.querySelector<HTMLElement>('h2, h3');
  return h ?? null;
}

/** The current screen's <h1>, else the main region. */
export function screenHeading(): HTMLElement | null {
  return document.querySelector<HTMLElement>('#main h1') ?? document.getElementById('main');
}

export type FocusTarget = () => HTMLElement | null | undefined;

function focusFirst(targets: FocusTarget[]): HTMLElement | null {
  for (const get of targets) {
    const el = get();
    if (el && canFocus(el) && focusElement(el)) return el;
  }
  return null;
}

let stopGuard: (() => void) | undefined;

/**
 * Focuses the first usable target now, then for a few seconds keeps watching: when the page changes
 * underneath (the apply reloads the view, a card disappears, a button turns disabled) and focus falls
 * to <body>, or a preferred target appears, focus moves there. Stops as soon as the person acts.
 */
export function restoreFocus({ prefer, opener, fallback, watchMs = 10_000 }: { prefer?: FocusTarget; opener?: HTMLElement | null; fallback?: FocusTarget; watchMs?: number }): void {
  stopGuard?.();
  const heading = cardHeadingOf(opener);
  const chain: FocusTarget[] = [...(prefer ? [prefer] : []), () => opener, () => heading, ...(fallback ? [fallback] : []), screenHeading];
  let placed = focusFirst(chain);

  const check = () => {
    const active = document.activeElement;
    // Chrome keeps a control that was just disabled or removed as activeElement until its next
    // focus fixup, so "lost" also means: still reported, but no longer focusable.
    if (!active || active === document.body || !canFocus(active)) {
      placed = focusFirst(chain);
      return;
    }
    // The preferred target (e.g. a new provider card) appeared after the view reloaded: go there,
    // unless focus has moved on from where it was put.
    if (prefer && active === placed) {
      const p = prefer();
      if (p && p !== placed && canFocus(p) && focusElement(p)) placed = p;
    }
  };

  const observer = new MutationObserver(check);
  observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['disabled', 'hidden', 'inert'] });
  // A focused element that is disabled or removed produces no focus event; the observer catches it.
  const stop = () => {
    observer.disconnect();
    clearTimeout(timer);
    document.removeEventListener('keydown', stopOnAct, true);
    document.removeEventListener('pointerdown', stopOnAct, true);
    if (stopGuard === stop) stopGuard = undefined;
  };
  const stopOnAct = () => stop();
  const timer = setTimeout(stop, watchMs);
  document.addEventListener('keydown', stopOnAct, true);
  document.addEventListener('pointerdown', stopOnAct, true);
  stopGuard = stop;
}

/** Cancels a running watch (e.g. a new dialog opened). */
export function stopFocusWatch(): void {
  stopGuard?.();
}
