// The one place changes to openclaw.json are confirmed: the exact diff, the engine's warnings, and
// (if the write was refused) OpenClaw's reasons. Apply writes through the contract; Cancel loses nothing.
import { useTranslation } from 'react-i18next';
import { useConfigStore } from '../stores/config-store';
import { Button } from './Button';
import { Dialog } from './Dialog';
import { DiffView } from './DiffView';
import { WarningList } from './WarningList';

export function DiffPreviewDialog(): React.JSX.Element {
  const { t } = useTranslation();
  const pending = useConfigStore((s) => s.pending);
  const path = useConfigStore((s) => s.view?.path ?? 'openclaw.json');
  const confirm = useConfigStore((s) => s.confirm);
  const cancel = useConfigStore((s) => s.cancel);
  return (
    <Dialog
      open={!!pending}
      title={pending ? `${t('diff.title')}: ${pending.preview.summary}` : t('diff.title')}
      onClose={cancel}
      testId="diff-dialog"
      footer={
        <>
          <Button onClick={cancel} disabled={pending?.applying}>
            {t('action.cancel')}
          </Button>
          <Button variant="primary" busy={pending?.applying} onClick={() => void confirm()} autoFocus>
            {pending?.applying ? t('action.applying') : t('action.apply')}
          </Button>
        </>
      }
    >
      {pending && (
        <div className="stack">
          <p className="muted" style={{ margin: 0 }}>
            {t('diff.intro', { path })}
          </p>
          {pending.error && (
            <div className="banner" data-tone="bad" role="alert">
              <h3>{t('diff.rejected')}</h3>
              <div style={{ whiteSpace: 'pre-wrap' }}>{pending.error.message}</div>
            </div>
          )}
          <DiffView diff={pending.preview.diff} label={t('diff.title')} />
          {pending.preview.warnings.length > 0 && (
            <>
              <h3 className="section-title">{t('diff.warnings')}</h3>
              <WarningList warnings={pending.preview.warnings} allowFix={false} />
            </>
          )}
        </div>
      )}
    </Dialog>
  );
}
