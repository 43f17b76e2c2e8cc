// A modal on the native <dialog>: focus is trapped by the browser and Escape closes. The content is
// only rendered while open, so the browser's own focus restoration cannot work (the focused control
// is gone before close() runs): this component remembers the opener and puts focus back itself —
// on the opener when it is still usable, else on what the caller prefers, the opener's card heading,
// or the screen heading. Initial focus goes to the element marked `data-autofocus` (the primary
// action), else the browser's choice.
import { useLayoutEffect, useRef, type ReactNode } from 'react';
import { currentFocus, restoreFocus, stopFocusWatch, type FocusTarget } from './focus';
import { useModalHost } from './modal-host';

export interface DialogProps {
  open: boolean;
  title: string;
  onClose(): void;
  children: ReactNode;
  footer?: ReactNode;
  testId?: string;
  /** After closing, focus this when it exists (e.g. the card an apply just created), before the opener. */
  returnFocus?: FocusTarget;
  /** After closing, when the opener is gone or disabled (before the screen heading). */
  fallbackFocus?: FocusTarget;
}

export function Dialog({ open, title, onClose, children, footer, testId, returnFocus, fallbackFocus }: DialogProps): React.JSX.Element {
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const targets = useRef({ returnFocus, fallbackFocus });
  targets.current = { returnFocus, fallbackFocus };

  useLayoutEffect(() => {
    const d = ref.current;
    if (!d) return;
    const closeAndRestore = () => {
      d.close();
      useModalHost.getState().remove(d);
      const from = opener.current;
      opener.current = null;
      restoreFocus({ prefer: targets.current.returnFocus, opener: from, fallback: targets.current.fallbackFocus });
    };
    if (open && !d.open) {
      stopFocusWatch();
      opener.current = currentFocus();
      d.showModal();
      useModalHost.getState().push(d);
      d.querySelector<HTMLElement>('[data-autofocus]:not(:disabled)')?.focus();
    } else if (!open && d.open) closeAndRestore();
    // Unmounted while open (dialogs that close by being removed): restore focus all the same.
    return () => {
      if (d.open && open) closeAndRestore();
    };
  }, [open]);

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-label={title}
      data-testid={testId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      {open && (
        <>
          <div className="dialog-head">
            <h2>{title}</h2>
          </div>
          <div className="dialog-body">{children}</div>
          {footer && <div className="dialog-foot">{footer}</div>}
        </>
      )}
    </dialog>
  );
}
