// Undo and the backups Warmclaw keeps before every write. Both show the diff of what they would put
// back in the shared diff dialog first; restoring is undoable too, undo is not (it pops the backup).
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/Button';
import { formatBytes, formatDateTime } from '../../i18n/format';
import { useSay } from '../../i18n/messages';
import { useConfigStore } from '../../stores/config-store';
import type { EditLock } from './edit-lock';

export function HistoryCard({ lock }: { lock: EditLock }): React.JSX.Element {
  const { t } = useTranslation('routing');
  const say = useSay();
  const backups = useConfigStore((s) => s.backups);
  const proposeUndo = useConfigStore((s) => s.proposeUndo);
  const proposeRestore = useConfigStore((s) => s.proposeRestore);
  const proposing = useConfigStore((s) => s.proposing);
  const id = useId();
  const [asked, setAsked] = useState<string | null>(null);
  const sorted = [...backups].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  // Undo after an invalid file still works (it puts a good version back); read-only does not.
  const readOnly = useConfigStore((s) => s.view?.readOnly ?? false);
  const noBackups = backups.length === 0;

  const ask = async (key: string, fn: () => Promise<void>) => {
    setAsked(key);
    try {
      await fn();
    } finally {
      setAsked(null);
    }
  };

  return (
    <section className="card rt-card" data-testid="history">
      <div className="row rt-head">
        <h2 id={`${id}-h`} className="section-title spacer" tabIndex={-1}>
          {t('history.title')}
        </h2>
        <Button
          disabled={readOnly || noBackups || (proposing && asked !== 'undo')}
          title={readOnly ? lock.reason : noBackups ? t('history.nothingToUndo') : undefined}
          busy={asked === 'undo' && proposing}
          onClick={() => void ask('undo', proposeUndo)}
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
              <span className="muted small rt-backup-size">{formatBytes(b.bytes)}</span>
              <span className="rt-backup-reason" id={`${id}-${b.id}-r`} title={b.origin ? say(b.origin.whyMsg, b.origin.why) : say(b.reasonMsg, b.reason)}>
                {t('history.before', { reason: say(b.reasonMsg, b.reason) })}
                {b.origin && (
                  <span className="muted small" data-testid="backup-origin">
                    {' '}
                    {t('history.byFailover', { why: say(b.origin.whyMsg, b.origin.why) })}
                  </span>
                )}
              </span>
              <Button
                size="sm"
                className="rt-backup-restore"
                aria-describedby={`${id}-${b.id} ${id}-${b.id}-r`}
                disabled={readOnly}
                busy={asked === b.id && proposing}
                title={readOnly ? lock.reason : undefined}
                onClick={() => void ask(b.id, () => proposeRestore(b.id))}
              >
                {t('history.restore')}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
