// Why the config cannot be edited right now: a file that does not parse (with line and column), or
// a read-only file. Screens that edit the config show this above their content.
import { useTranslation } from 'react-i18next';
import { useConfigStore } from '../stores/config-store';
import { Button } from './Button';
import { useSay } from '../i18n/messages';

export function ConfigBanner(): React.JSX.Element | null {
  const { t } = useTranslation();
  const say = useSay();
  const loadError = useConfigStore((s) => s.loadError);
  const view = useConfigStore((s) => s.view);
  const load = useConfigStore((s) => s.load);
  if (loadError) {
    return (
      <div className="banner" data-tone="bad" role="alert" data-testid="config-error">
        <h2>{t('configError.invalid')}</h2>
        {loadError.line !== undefined && <p className="mono" style={{ margin: '0 0 4px' }}>{t('configError.at', { line: loadError.line, column: loadError.column ?? 1 })}</p>}
        <p style={{ margin: '0 0 8px', whiteSpace: 'pre-wrap' }}>{loadError.message}</p>
        <p className="muted small" style={{ margin: '0 0 8px' }}>{t('configError.advice')}</p>
        <Button size="sm" onClick={() => void load()}>
          {t('action.retry')}
        </Button>
      </div>
    );
  }
  if (view?.readOnly) {
    return (
      <div className="banner" data-tone="warn" role="note" data-testid="config-readonly">
        <h2>{t('configError.readOnly')}</h2>
        <p style={{ margin: 0 }}>{view.readOnlyReason !== undefined ? say(view.readOnlyReasonMsg, view.readOnlyReason) : t('configError.readOnlyAdvice')}</p>
      </div>
    );
  }
  return null;
}
