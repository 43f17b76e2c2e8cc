// Desktop notifications: shows what core/notify decides (local server down, cold start, gateway
// rejected a config, failover switched), only while settings.notifications is on.
import { Notification } from 'electron';
import type { ApiEvent, ApiResult } from '../../shared/contract';
import type { EndpointStatus } from '../../shared/status';
import type { Logger } from '../core/log/logger';
import { applyResultInput, createNotifier, type Notice } from '../core/notify/notifications';

export interface DesktopNotifications {
  /** Feed every handler event. */
  onEvent(ev: ApiEvent): void;
  /** Wraps the contract handler so config write answers are inspected too. */
  wrap(invoke: (name: string, input: unknown) => Promise<ApiResult<unknown>>): (name: string, input: unknown) => Promise<ApiResult<unknown>>;
  /** What the monitor knows at start (so the first change is seen as a change). */
  seed(endpoints: readonly EndpointStatus[]): void;
  /** Shows one notice now (tray action errors), unless notifications are off. */
  show(notice: Notice): void;
}

export function createDesktopNotifications(opts: { enabled: () => boolean; language: () => string | undefined; iconPath?: string; logger: Logger }): DesktopNotifications {
  const notifier = createNotifier({ enabled: opts.enabled, language: opts.language });
  const show = (n: Notice) => {
    if (!Notification.isSupported()) return;
    try {
      new Notification({ title: n.title, body: n.body, silent: false, ...(opts.iconPath !== undefined && { icon: opts.iconPath }) }).show();
    } catch (err) {
      opts.logger.warn('notification failed', { error: (err as Error).message });
    }
  };
  return {
    onEvent(ev) {
      for (const n of notifier.next(ev)) show(n);
    },
    wrap(invoke) {
      return async (name, input) => {
        const result = await invoke(name, input);
        const fed = applyResultInput(name, result);
        if (fed) for (const n of notifier.next(fed)) show(n);
        return result;
      };
    },
    seed(endpoints) {
      notifier.seed(endpoints);
    },
    show(n) {
      if (opts.enabled()) show(n);
    },
  };
}
