// "Test" on a model: runs `model.test` (one streamed chat offering one tool, in the provider's API) and
// shows the verdict an agent cares about — does it call tools — with the speed and the context it ran
// at. It can take seconds (a cold load counts), so the dialog counts them while it waits. Changes no routing.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ModelTestOutput } from '../../../../shared/contract';
import { apiClient, unwrap } from '../../api/client';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { formatDuration, formatNumber, formatTokens } from '../../i18n/format';

type Run = { state: 'running'; startedAt: number } | { state: 'done'; result: ModelTestOutput } | { state: 'failed'; error: string };

/** The verdict's key: the model called the tool, sent broken arguments, answered in text, or was not reached. */
export function testVerdict(r: ModelTestOutput): 'calls-tools' | 'malformed' | 'no-tool-call' | 'unreachable' {
  if (!r.reachable) return 'unreachable';
  return r.toolCall === 'well-formed' ? 'calls-tools' : r.toolCall === 'malformed' ? 'malformed' : 'no-tool-call';
}

export function ModelTestDialog({ modelRef, onClose }: { modelRef: string; onClose(): void }): React.JSX.Element {
  const { t } = useTranslation('dashboard');
  const [run, setRun] = useState<Run>({ state: 'running', startedAt: Date.now() });
  const [now, setNow] = useState(Date.now());

  useEffect(() => {
    let live = true;
    unwrap(apiClient().call('model.test', { ref: modelRef })).then(
      (result) => live && setRun({ state: 'done', result }),
      (err: unknown) => live && setRun({ state: 'failed', error: (err as Error).message }),
    );
    return () => {
      live = false;
    };
  }, [modelRef]);

  // The seconds counter only ticks while the test runs.
  useEffect(() => {
    if (run.state !== 'running') return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [run.state]);

  return (
    <Dialog
      open
      title={t('modelTest.title', { model: modelRef })}
      onClose={onClose}
      testId="model-test-dialog"
      footer={
        <Button data-autofocus onClick={onClose}>
          {t('common:action.close')}
        </Button>
      }
    >
      {run.state === 'running' && (
        <p role="status" data-testid="model-test-progress">
          {t('modelTest.running', { seconds: Math.max(0, Math.round((now - run.startedAt) / 1000)) })}
        </p>
      )}
      {run.state === 'failed' && (
        <p className="db-error" role="alert" data-testid="model-test-verdict" data-verdict="error">
          {t('modelTest.error', { error: run.error })}
        </p>
      )}
      {run.state === 'done' && <TestResult r={run.result} />}
    </Dialog>
  );
}

function TestResult({ r }: { r: ModelTestOutput }): React.JSX.Element {
  const { t } = useTranslation('dashboard');
  const verdict = testVerdict(r);
  const facts: string[] = [];
  if (r.ttftMs !== undefined) facts.push(t('modelTest.ttft', { duration: formatDuration(r.ttftMs) }));
  if (r.tokensPerSec !== undefined) facts.push(t('modelTest.speed', { value: formatNumber(Math.round(r.tokensPerSec * 10) / 10) }));
  facts.push(r.contextLength !== undefined ? t('modelTest.context', { context: formatTokens(r.contextLength) }) : t('modelTest.contextUnknown'));
  return (
    <div data-testid="model-test-result">
      <p className="model-test-verdict" role="status" data-testid="model-test-verdict" data-verdict={verdict} data-tone={verdict === 'calls-tools' ? 'ok' : 'bad'}>
        <strong>{t(`modelTest.verdict.${verdict}`)}</strong>
      </p>
      <p className="muted small">{t(`modelTest.hint.${verdict}`, { api: r.api })}</p>
      {r.reachable && <p className="small">{facts.join(' · ')}</p>}
      {r.text && verdict === 'no-tool-call' && (
        <p className="small">
          {t('modelTest.answered')} <q className="mono">{r.text.slice(0, 120)}</q>
        </p>
      )}
      {r.error && <p className="small db-error">{r.error}</p>}
    </div>
  );
}
