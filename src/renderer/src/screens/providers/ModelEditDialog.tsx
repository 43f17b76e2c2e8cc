// Edit one model's limits and details. Limits and details are separate edits in the engine, so when
// both change the limits are proposed first and the details right after they are applied.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConfigView } from '../../../../shared/contract';
import type { EditCommand } from '../../../../shared/config-edits';
import { GUIDE_MIN_CONTEXT, OPENCLAW_MIN_CONTEXT, OPENCLAW_WARN_CONTEXT } from '../../../../shared/openclaw-constants';
import { Button } from '../../components/Button';
import { focusFirstInvalid } from '../../components/form-focus';
import { formatNumber } from '../../i18n/format';
import { proposeInSequence } from './follow-up';
import { FormDialog } from './FormDialog';

type Model = ConfigView['providers'][number]['models'][number];
const COST_KEYS = ['input', 'output', 'cacheRead', 'cacheWrite'] as const;
const INPUT_KINDS = ['text', 'image'] as const;

const str = (n: number | undefined) => (n === undefined ? '' : String(n));
const isPosInt = (s: string) => /^\d+$/.test(s.trim()) && Number(s) > 0;

export function ModelEditDialog({ providerId, model, serverContext, onClose }: { providerId: string; model: Model; serverContext?: number; onClose(): void }): React.JSX.Element {
  const { t } = useTranslation('providers');
  const uid = useId();
  const ref = `${providerId}/${model.id}`;
  const initial = {
    contextWindow: str(model.contextWindow),
    maxTokens: str(model.maxTokens),
    name: model.name ?? '',
    reasoning: model.reasoning ?? false,
    input: [...(model.input ?? ['text'])].filter((k): k is (typeof INPUT_KINDS)[number] => (INPUT_KINDS as readonly string[]).includes(k)),
    cost: Object.fromEntries(COST_KEYS.map((k) => [k, str(model.cost?.[k])])) as Record<(typeof COST_KEYS)[number], string>,
  };
  const [form, setForm] = useState(initial);
  const [submitted, setSubmitted] = useState(false);
  const set = <K extends keyof typeof initial>(k: K, v: (typeof initial)[K]) => setForm((f) => ({ ...f, [k]: v }));

  const cwChanged = form.contextWindow.trim() !== initial.contextWindow;
  const mtChanged = form.maxTokens.trim() !== initial.maxTokens;
  const nameChanged = form.name.trim() !== initial.name;
  const reasoningChanged = form.reasoning !== initial.reasoning;
  const inputChanged = [...form.input].sort().join() !== [...initial.input].sort().join();
  const costChanged = COST_KEYS.some((k) => form.cost[k].trim() !== initial.cost[k]);
  const limitsChanged = cwChanged || mtChanged;
  const detailsChanged = nameChanged || reasoningChanged || inputChanged || costChanged;

  // Validation (the engine checks again; here the reason shows before anything is sent).
  const cw = Number(form.contextWindow);
  const mt = Number(form.maxTokens);
  let cwError: string | undefined;
  if (cwChanged) {
    if (!isPosInt(form.contextWindow)) cwError = t('edit.errPositive');
    else if (cw < OPENCLAW_MIN_CONTEXT) cwError = t('edit.errMinContext', { min: formatNumber(OPENCLAW_MIN_CONTEXT) });
  }
  let mtError: string | undefined;
  if (mtChanged || cwChanged) {
    if (form.maxTokens.trim() && !isPosInt(form.maxTokens)) mtError = t('edit.errPositive');
    else if (form.maxTokens.trim() && isPosInt(form.contextWindow) && mt >= cw) mtError = t('edit.errMaxTokens', { context: formatNumber(cw) });
    else if (mtChanged && !form.maxTokens.trim()) mtError = t('edit.errPositive');
  }
  const nameError = nameChanged && !form.name.trim() ? t('edit.errName') : undefined;
  const inputError = form.input.length === 0 ? t('edit.errInput') : undefined;
  const costErrors = Object.fromEntries(COST_KEYS.map((k) => [k, costChanged && !(form.cost[k].trim() === '' || (Number.isFinite(Number(form.cost[k])) && Number(form.cost[k]) >= 0)) ? t('edit.errCost') : undefined]));
  const hasError = !!(cwError || mtError || nameError || inputError || COST_KEYS.some((k) => costErrors[k]));
  const contextNote =
    !cwError && isPosInt(form.contextWindow) && cw < GUIDE_MIN_CONTEXT
      ? cw < OPENCLAW_WARN_CONTEXT
        ? t('edit.noteWarn', { warn: formatNumber(OPENCLAW_WARN_CONTEXT), guide: formatNumber(GUIDE_MIN_CONTEXT) })
        : t('edit.noteGuide', { guide: formatNumber(GUIDE_MIN_CONTEXT) })
      : undefined;

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (hasError)
      return focusFirstInvalid(() => setSubmitted(true), [
        cwError && `${uid}-cw`,
        mtError && `${uid}-mt`,
        nameError && `${uid}-name`,
        inputError && `${uid}-input-${INPUT_KINDS[0]}`,
        ...COST_KEYS.map((k) => costErrors[k] && `${uid}-cost-${k}`),
      ]);
    setSubmitted(true);
    if (!limitsChanged && !detailsChanged) return;
    const limits: EditCommand | undefined = limitsChanged
      ? { type: 'set-limits', input: { ref, ...(cwChanged && { contextWindow: cw }), ...(mtChanged && { maxTokens: mt }) } }
      : undefined;
    const details: EditCommand | undefined = detailsChanged
      ? {
          type: 'set-model-details',
          input: {
            ref,
            ...(nameChanged && { name: form.name.trim() }),
            ...(reasoningChanged && { reasoning: form.reasoning }),
            ...(inputChanged && { input: form.input }),
            ...(costChanged && { cost: Object.fromEntries(COST_KEYS.map((k) => [k, Number(form.cost[k].trim() || 0)])) as Record<(typeof COST_KEYS)[number], number> }),
          },
        }
      : undefined;
    onClose();
    if (limits) void proposeInSequence(limits, details);
    else if (details) void proposeInSequence(details);
  };

  const err = (key: string, msg: string | undefined) =>
    submitted && msg ? (
      <span id={`${uid}-${key}-err`} className="field-error">
        {msg}
      </span>
    ) : null;
  const describe = (key: string, msg: string | undefined, hint?: string) => [hint, submitted && msg ? `${uid}-${key}-err` : undefined].filter(Boolean).join(' ') || undefined;
  const nothing = submitted && !limitsChanged && !detailsChanged;

  return (
    <FormDialog title={t('edit.title', { ref })} testId="model-edit-dialog" submitLabel={t('edit.preview')} onClose={onClose} onSubmit={submit}>
        <div className="pv-form-grid">
          <div className="field">
            <label htmlFor={`${uid}-cw`}>{t('edit.contextWindow')}</label>
            <div className="row">
              <input
                id={`${uid}-cw`}
                className="input pv-num"
                inputMode="numeric"
                value={form.contextWindow}
                aria-invalid={submitted && !!cwError}
                aria-describedby={describe('cw', cwError, `${uid}-cw-hint`)}
                onChange={(e) => set('contextWindow', e.target.value)}
              />
              {serverContext !== undefined && String(serverContext) !== form.contextWindow.trim() && (
                <Button size="sm" onClick={() => set('contextWindow', String(serverContext))}>
                  {t('edit.useServer', { value: formatNumber(serverContext) })}
                </Button>
              )}
            </div>
            <span id={`${uid}-cw-hint`} className="field-hint">
              {t('edit.contextHint', { min: formatNumber(OPENCLAW_MIN_CONTEXT), warn: formatNumber(OPENCLAW_WARN_CONTEXT), guide: formatNumber(GUIDE_MIN_CONTEXT) })}
            </span>
            {err('cw', cwError)}
            {contextNote && <span className="pv-note" data-tone="warn">{contextNote}</span>}
          </div>
          <div className="field">
            <label htmlFor={`${uid}-mt`}>{t('edit.maxTokens')}</label>
            <input
              id={`${uid}-mt`}
              className="input pv-num"
              inputMode="numeric"
              value={form.maxTokens}
              aria-invalid={submitted && !!mtError}
              aria-describedby={describe('mt', mtError, `${uid}-mt-hint`)}
              onChange={(e) => set('maxTokens', e.target.value)}
            />
            <span id={`${uid}-mt-hint`} className="field-hint">
              {t('edit.maxTokensHint')}
            </span>
            {err('mt', mtError)}
          </div>
        </div>
        <div className="field">
          <label htmlFor={`${uid}-name`}>{t('edit.name')}</label>
          <input id={`${uid}-name`} className="input" value={form.name} aria-invalid={submitted && !!nameError} aria-describedby={describe('name', nameError)} onChange={(e) => set('name', e.target.value)} />
          {err('name', nameError)}
        </div>
        <label className="pv-check">
          <input type="checkbox" checked={form.reasoning} onChange={(e) => set('reasoning', e.target.checked)} />
          {t('edit.reasoning')}
        </label>
        <fieldset className="pv-fieldset" aria-describedby={describe('input', inputError)}>
          <legend className="field-label">{t('edit.input')}</legend>
          <div className="row">
            {INPUT_KINDS.map((k) => (
              <label key={k} className="pv-check">
                <input
                  id={`${uid}-input-${k}`}
                  type="checkbox"
                  checked={form.input.includes(k)}
                  aria-invalid={submitted && !!inputError ? true : undefined}
                  aria-describedby={submitted && inputError ? `${uid}-input-err` : undefined}
                  onChange={(e) => set('input', e.target.checked ? [...form.input, k] : form.input.filter((x) => x !== k))}
                />
                {t(`input.${k}`)}
              </label>
            ))}
          </div>
          {err('input', inputError)}
        </fieldset>
        <fieldset className="pv-fieldset">
          <legend className="field-label">{t('edit.cost')}</legend>
          <p className="field-hint pv-line">{t('edit.costHint')}</p>
          <div className="pv-cost-grid">
            {COST_KEYS.map((k) => (
              <div className="field" key={k}>
                <label htmlFor={`${uid}-cost-${k}`}>{t(`cost.${k}`)}</label>
                <input
                  id={`${uid}-cost-${k}`}
                  className="input pv-num"
                  inputMode="decimal"
                  value={form.cost[k]}
                  placeholder="0"
                  aria-invalid={submitted && !!costErrors[k]}
                  aria-describedby={describe(`cost-${k}`, costErrors[k])}
                  onChange={(e) => set('cost', { ...form.cost, [k]: e.target.value })}
                />
                {err(`cost-${k}`, costErrors[k])}
              </div>
            ))}
          </div>
        </fieldset>
        {limitsChanged && detailsChanged && (
          <p className="pv-note" data-tone="info" role="note">
            {t('edit.twoSteps')}
          </p>
        )}
        {nothing && (
          <p className="pv-note" role="status">
            {t('edit.nothing')}
          </p>
        )}
    </FormDialog>
  );
}
