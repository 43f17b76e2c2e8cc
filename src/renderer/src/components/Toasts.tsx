import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { useToastStore } from '../stores/toast-store';
import { Button } from './Button';
import { useModalHost } from './modal-host';

/**
 * Bottom-right messages; a polite live region so screen readers hear them without losing focus.
 * While a modal dialog is open the region moves inside it: outside, it would be inert (unheard,
 * its Undo unreachable) and hidden under the backdrop.
 */
export function Toasts(): React.JSX.Element {
  const { t } = useTranslation();
  const toasts = useToastStore((s) => s.toasts);
  const dismiss = useToastStore((s) => s.dismiss);
  const host = useModalHost((s) => s.stack[s.stack.length - 1]);
  const region = (
    <div className="toasts" role="status" aria-live="polite">
      {toasts.map((toast) => (
        <div key={toast.id} className="toast" data-kind={toast.kind} data-testid="toast">
          <span className="toast-text">
            {toast.key ? t(toast.key, toast.values ?? {}) : toast.text}
            {toast.key && toast.text && toast.kind === 'error' ? ` ${toast.text}` : ''}
          </span>
          {toast.action && (
            <Button
              size="sm"
              onClick={() => {
                toast.action!.run();
                dismiss(toast.id);
              }}
            >
              {t(toast.action.labelKey)}
            </Button>
          )}
          <Button size="sm" variant="ghost" aria-label={t('action.dismiss')} onClick={() => dismiss(toast.id)}>
            ×
          </Button>
        </div>
      ))}
    </div>
  );
  return host ? createPortal(region, host) : region;
}
