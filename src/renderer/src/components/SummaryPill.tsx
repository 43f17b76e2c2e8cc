import { useTranslation } from 'react-i18next';
import type { TraySummaryState } from '../../../shared/contract';
import { useStatusStore } from '../stores/status-store';
import { useSay } from '../i18n/messages';

const TONE: Record<TraySummaryState, 'ok' | 'warn' | 'bad' | undefined> = {
  'all-warm': 'ok',
  watching: 'ok',
  warming: 'warn',
  'local-down': 'bad',
  'config-problem': 'bad',
  paused: undefined,
};

/** The summary's reason in the UI language when it is a generic one; the server's own words otherwise. */
export function useSummaryReason(): string {
  const { t } = useTranslation();
  const say = useSay();
  const summary = useStatusStore((s) => s.summary);
  if (!summary) return '';
  return summary.reasonKey ? t(`summaryReason.${summary.reasonKey}`, { models: (summary.models ?? []).join(', ') }) : say(summary.reasonMsg, summary.reason);
}

/** The tray's state in the window: one word, the reason on hover and for screen readers. */
export function SummaryPill(): React.JSX.Element | null {
  const { t } = useTranslation();
  const summary = useStatusStore((s) => s.summary);
  const reason = useSummaryReason();
  if (!summary) return null;
  return (
    <span className="pill" data-tone={TONE[summary.state]} title={reason} data-testid="summary" data-state={summary.state}>
      {t(`summary.${summary.state}`)}
      <span className="visually-hidden">: {reason}</span>
    </span>
  );
}
