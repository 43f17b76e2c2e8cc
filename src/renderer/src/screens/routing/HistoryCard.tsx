// Undo and the backups Warmclaw keeps before every write; restoring asks first (and is undoable too).
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { formatBytes, formatDateTime } from '../../i18n/format';
import { useConfigStore } from '../../stores/config-store';
import type { EditLock } from './edit-lock';

export function HistoryCard({ lock }: { lock: EditLock }): React.JSX.Element {
  const { t } = useTranslation('routing');
  const backups = useConfigStore((s) => s.backups);
  const undo = useConfigStore((s) => s.undo);
  const restore = useConfigStore((s) => s.restore);
  const id = useId();
  const [busy, setBusy] = useState<'undo' | 'restore' | null>(null);
  const [confirmId, setConfirmId] = useState<string | null>(null);
  const target = backups.find((b) => b.id === confirmId);
  const sorted = [...backups].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  // Undo after an invalid file still works (it puts a good version back); read-only does not.
  const readOnly = useConfigStore((s) => s.view?.readOnly ?? false);
  const noBackups = backups.length === 0;

  const run = async (kind: 'undo' | 'restore', fn: () => Promise<void>) => {
    setBusy(kind);
    try {
      await fn();
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="card rt-card" data-testid="history">
      <div className="row rt-head">
        <h2 id={`${id}-h`} className="section-title spacer">
          {t('history.title')}
        </h2>
        <Button
          disabled={readOnly || noBackups}
          title={readOnly ? lock.reason : noBackups ? t('history.nothingToUndo') : undefined}
          busy={busy === 'undo'}
          onClick={() => void run('undo', undo)}
        >
          {t('history.undo')}
        </Button>
      </div>
      <p className="muted rt-line">{t('history.intro')}</p>
      {sorted.length === 0 ? (
        <p className="muted rt-empty">{t('history.empty')}</p>
      ) : (
        <ul className="list rt-backups" aria-label={t('history.listLabel')}>
          {sorted.map((b) => (
            <li key={b.id} data-testid="backup-item" data-backup-id={b.id}>
              <span className="rt-backup-when" id={`${id}-${b.id}`}>
                {formatDateTime(b.createdAt)}
              </span>
              <span className="spacer rt-backup-reason" title={b.reason}>
                {t('history.before', { reason: b.reason })}
              </span>
              <span className="muted small">{formatBytes(b.bytes)}</span>
              <Button size="sm" aria-describedby={`${id}-${b.id}`} disabled={readOnly} title={readOnly ? lock.reason : undefined} onClick={() => setConfirmId(b.id)}>
                {t('history.restore')}
              </Button>
            </li>
          ))}
        </ul>
      )}
      <Dialog
        open={!!target}
        title={t('history.confirmTitle')}
        onClose={() => setConfirmId(null)}
        testId="restore-dialog"
        footer={
          <>
            <Button onClick={() => setConfirmId(null)} disabled={busy === 'restore'}>
              {t('history.cancel')}
            </Button>
            <Button
              variant="primary"
              busy={busy === 'restore'}
              autoFocus
              onClick={() =>
                target &&
                void run('restore', async () => {
                  await restore(target.id);
                  setConfirmId(null);
                })
              }
            >
              {t('history.confirm')}
            </Button>
          </>
        }
      >
        {target && (
          <div className="stack">
            <p className="rt-line">{t('history.confirmText', { when: formatDateTime(target.createdAt), reason: target.reason })}</p>
            <p className="muted rt-line">{t('history.confirmUndo')}</p>
          </div>
        )}
      </Dialog>
    </section>
  );
}
