// OpenClaw's own knobs for one provider (request timeout, Ollama keep_alive/num_ctx, LM Studio preload,
// the idle stop of an OpenClaw-started server, contextTokens on its models). Only the knobs the
// provider's runtime reads are shown; the change goes through the shared diff dialog like every other.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConfigView } from '../../../../shared/contract';
import { focusFirstInvalid } from '../../components/form-focus';
import { useConfigStore } from '../../stores/config-store';
import { FormDialog } from './FormDialog';
import { initialOptions, optionsCommand, type OptionsField, type OptionsForm } from './provider-options-form';

type Provider = ConfigView['providers'][number];

export function ProviderOptionsDialog({ provider, onClose }: { provider: Provider; onClose(): void }): React.JSX.Element {
  const { t } = useTranslation('providers');
  const propose = useConfigStore((s) => s.propose);
  const uid = useId();
  const [initial] = useState(() => initialOptions(provider));
  const [form, setForm] = useState<OptionsForm>(initial);
  const [errors, setErrors] = useState<Partial<Record<OptionsField, string>>>({});
  const [noChange, setNoChange] = useState(false);
  const ollama = provider.api === 'ollama';
  const fields: OptionsField[] = [
    'timeoutSeconds',
    ...(ollama ? (['keepAlive', 'numCtx'] as const) : []),
    ...(provider.options?.localService ? (['idleStopMs'] as const) : []),
    ...(provider.models.length ? (['contextTokens'] as const) : []),
  ];

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const r = optionsCommand(provider, initial, form);
    if (!r.command) {
      setNoChange(Object.keys(r.errors).length === 0);
      return focusFirstInvalid(() => setErrors(r.errors), fields.filter((f) => r.errors[f]).map((f) => `${uid}-${f}`));
    }
    onClose();
    void propose(r.command);
  };

  return (
    <FormDialog title={t('options.title', { id: provider.id })} testId="provider-options-dialog" submitLabel={t('baseUrl.preview')} onClose={onClose} onSubmit={submit}>
      <p className="muted pv-line">{t('options.intro')}</p>
      {fields.map((f) => (
        <div className="field" key={f}>
          <label htmlFor={`${uid}-${f}`}>{t(`options.${f}`)}</label>
          <input
            id={`${uid}-${f}`}
            className="input mono"
            inputMode={f === 'keepAlive' ? 'text' : 'numeric'}
            autoComplete="off"
            spellCheck={false}
            value={form[f]}
            data-testid={`option-${f}`}
            aria-invalid={errors[f] ? true : undefined}
            aria-describedby={`${errors[f] ? `${uid}-${f}-err ` : ''}${uid}-${f}-hint`}
            onChange={(e) => {
              setForm((x) => ({ ...x, [f]: e.target.value }));
              setNoChange(false);
              if (errors[f]) setErrors((x) => ({ ...x, [f]: undefined }));
            }}
          />
          {errors[f] && (
            <span id={`${uid}-${f}-err`} className="field-error">
              {t(`options.${errors[f]}`)}
            </span>
          )}
          <span id={`${uid}-${f}-hint`} className="field-hint">
            {t(`options.${f}Hint`)}
          </span>
        </div>
      ))}
      {provider.id === 'lmstudio' && (
        <label className="pv-check">
          <input type="checkbox" checked={form.preload} data-testid="option-preload" onChange={(e) => { setForm((x) => ({ ...x, preload: e.target.checked })); setNoChange(false); }} />
          {t('options.preload')}
        </label>
      )}
      {noChange && <p className="field-error">{t('options.errNoChange')}</p>}
    </FormDialog>
  );
}
