// The one place changes to openclaw.json are confirmed: the exact diff, the engine's warnings, and
// (if the write was refused) OpenClaw's reasons. The same dialog confirms an edit, an undo and a
// restore. Apply writes through the contract; Cancel loses nothing.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../i18n/format';
import { useSay } from '../i18n/messages';
import { useConfigStore } from '../stores/config-store';
import { Button } from './Button';
import { Dialog } from './Dialog';
import { DiffView } from './DiffView';
import { WarningList } from './WarningList';

export function DiffPreviewDialog(): React.JSX.Element {
  const { t } = useTranslation();
  const say = useSay();
  const pending = useConfigStore((s) => s.pending);
  const path = useConfigStore((s) => s.view?.path ?? 'openclaw.json');
  const backups = useConfigStore((s) => s.backups);
  const confirm = useConfigStore((s) => s.confirm);
  const cancel = useConfigStore((s) => s.cancel);
  const applyRef = useRef<HTMLButtonElement>(null);
  const action = pending?.action;
  const newest = [...backups].sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
  const target = action?.kind === 'restore' ? backups.find((b) => b.id === action.id) : action?.kind === 'undo' ? newest : undefined;

  // A refused apply keeps the dialog open: put focus back on Apply (the busy state dropped it).
  const failed = !!pending?.error && !pending.applying;
  useEffect(() => {
    if (failed) applyRef.current?.focus();
  }, [failed]);

  const title = !action
    ? t('diff.title')
    : action.kind === 'undo'
      ? t('diff.undoTitle')
      : action.kind === 'restore'
        ? t('diff.restoreTitle')
        : `${t('diff.title')}: ${say(pending.preview.summaryMsg, pending.preview.summary)}`;

  return (
    <Dialog
      open={!!pending}
      title={title}
      onClose={cancel}
      testId="diff-dialog"
      returnFocus={() => {
        const sel = useConfigStore.getState().focusAfterApply;
        return sel ? document.querySelector<HTMLElement>(sel) : null;
      }}
      footer={
        <>
          <Button onClick={cancel} disabled={pending?.applying}>
            {t('action.cancel')}
          </Button>
          <Button ref={applyRef} variant="primary" busy={pending?.applying} onClick={() => void confirm()} data-autofocus data-testid="diff-apply">
            {pending?.applying ? t('action.applying') : t('action.apply')}
          </Button>
        </>
      }
    >
      {pending && action && (
        <div className="stack">
          {action.kind === 'undo' && (
            <>
              <p style={{ margin: 0 }}>{target ? t('diff.undoIntroWhen', { reason: say(target.reasonMsg, target.reason), when: formatDateTime(target.createdAt) }) : t('diff.undoIntro')}</p>
              <p className="muted" style={{ margin: 0 }}>
                {t('diff.undoNoRedo')}
              </p>
            </>
          )}
          {action.kind === 'restore' && (
            <>
              <p style={{ margin: 0 }}>{target ? t('diff.restoreIntroWhen', { reason: say(target.reasonMsg, target.reason), when: formatDateTime(target.createdAt) }) : t('diff.restoreIntro')}</p>
              <p className="muted" style={{ margin: 0 }}>
                {t('diff.restoreUndoable')}
              </p>
            </>
          )}
          {action.kind !== 'edit' && !target && (
            <p className="diff-summary" data-testid="diff-summary">
              {say(pending.preview.summaryMsg, pending.preview.summary)}
            </p>
          )}
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
          {pending.preview.commentHints && pending.preview.commentHints.length > 0 && (
            <div className="diff-comments" role="note" data-testid="comment-hints">
              <h3 className="section-title">{t('diff.comments')}</h3>
              <p className="muted small">{t('diff.commentsHelp')}</p>
              <ul>
                {pending.preview.commentHints.map((h) => (
                  <li key={h.line}>
                    <span className="muted small">{t('diff.commentLine', { line: h.line })}</span> <code>{h.comment}</code>
                  </li>
                ))}
              </ul>
            </div>
          )}
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
