// Lint and context-window findings, each with its reason and, when there is one, a fix button that
// goes through the same diff preview as every other change, or a server action (load the model now at
// the context OpenClaw will ask for) that changes no file.
import { useTranslation } from 'react-i18next';
import type { ConfigWarning } from '../../../shared/config-edits';
import { useConfigStore } from '../stores/config-store';
import { useStatusStore } from '../stores/status-store';
import { useSay } from '../i18n/messages';
import { Button } from './Button';

export function WarningList({ warnings, allowFix = true }: { warnings: ConfigWarning[]; allowFix?: boolean }): React.JSX.Element | null {
  const { t } = useTranslation();
  const say = useSay();
  const propose = useConfigStore((s) => s.propose);
  const proposing = useConfigStore((s) => s.proposing);
  const warmNow = useStatusStore((s) => s.warmNow);
  const warming = useStatusStore((s) => s.warming);
  if (!warnings.length) return null;
  return (
    <ul className="list" aria-label={t('diff.warnings')}>
      {warnings.map((w, i) => (
        <li key={`${w.code}-${w.path ?? ''}-${i}`} data-testid="warning" data-code={w.code}>
          <span className="badge" data-tone={w.severity === 'warning' ? 'warn' : undefined}>
            {w.severity === 'warning' ? '!' : 'i'}
          </span>
          <span className="spacer">
            {say(w.msg, w.message)}
            {w.path && <span className="muted small mono"> {w.path}</span>}
          </span>
          {allowFix && w.fix && (
            <Button size="sm" busy={proposing} onClick={() => void propose(w.fix!.command)}>
              {say(w.fix.labelMsg, w.fix.label)}
            </Button>
          )}
          {allowFix && w.load && (
            <Button size="sm" busy={Boolean(warming[w.load.ref])} data-testid="load-now" onClick={() => void warmNow(w.load!.ref)}>
              {say(w.load.labelMsg, w.load.label)}
            </Button>
          )}
        </li>
      ))}
    </ul>
  );
}
