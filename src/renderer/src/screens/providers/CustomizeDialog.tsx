// The add-provider form for a found server: id, API, which models, an optional key. Preview goes
// through the shared diff dialog like every other change.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EndpointStatus } from '../../../../shared/status';
import { providerApis, type ProviderApi } from '../../../../shared/openclaw-constants';
import { focusFirstInvalid } from '../../components/form-focus';
import { formatTokens } from '../../i18n/format';
import { useConfigStore } from '../../stores/config-store';
import { defaultModels, freeProviderId, kindOf, modelInput, providerBaseUrl, providerCardHeading, realContext, suggestedApi } from './discovery';
import { FormDialog } from './FormDialog';

const ID_RE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export function CustomizeDialog({ endpoint, onClose }: { endpoint: EndpointStatus; onClose(): void }): React.JSX.Element {
  const { t } = useTranslation('providers');
  const { t: tc } = useTranslation();
  const view = useConfigStore((s) => s.view);
  const propose = useConfigStore((s) => s.propose);
  const proposing = useConfigStore((s) => s.proposing);
  const uid = useId();
  const kind = kindOf(endpoint);
  const suggested = suggestedApi(endpoint);
  const [providerId, setProviderId] = useState(() => freeProviderId(view, kind).id);
  const [api, setApi] = useState<ProviderApi>(suggested);
  const [picked, setPicked] = useState<Set<string>>(() => new Set(defaultModels(endpoint).map((m) => m.id)));
  const [apiKey, setApiKey] = useState('');
  const [submitted, setSubmitted] = useState(false);

  const trimmedId = providerId.trim();
  const idTaken = !!view?.providers.some((p) => p.id === trimmedId);
  const idError = !trimmedId ? t('customize.idRequired') : !ID_RE.test(trimmedId) ? t('customize.idInvalid') : idTaken ? t('customize.idTaken') : undefined;
  const modelsError = picked.size === 0 ? t('customize.modelsRequired') : undefined;
  const baseUrl = providerBaseUrl(endpoint, api);

  const toggle = (mid: string, on: boolean) =>
    setPicked((s) => {
      const next = new Set(s);
      if (on) next.add(mid);
      else next.delete(mid);
      return next;
    });

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (idError || modelsError) return focusFirstInvalid(() => setSubmitted(true), [idError && `${uid}-id`, modelsError && `${uid}-m0`]);
    setSubmitted(true);
    const key = apiKey.trim();
    onClose();
    await propose(
      {
        type: 'add-provider',
        input: {
          kind,
          id: trimmedId,
          baseUrl,
          api,
          ...(key && { apiKey: key }),
          models: endpoint.models.filter((m) => picked.has(m.id)).map(modelInput),
        },
      },
      { focusAfter: providerCardHeading(trimmedId) },
    );
  };

  return (
    <FormDialog title={t('customize.title', { kind: tc(`kind.${kind}`) })} testId="customize-dialog" submitLabel={t('customize.preview')} onClose={onClose} onSubmit={(e) => void submit(e)} busy={proposing}>
        <p className="muted pv-line">{t('customize.intro', { url: endpoint.baseUrl })}</p>
        <div className="field">
          <label htmlFor={`${uid}-id`}>{t('customize.id')}</label>
          <input
            id={`${uid}-id`}
            className="input mono"
            value={providerId}
            autoComplete="off"
            spellCheck={false}
            aria-invalid={submitted && !!idError}
            aria-describedby={`${uid}-id-hint${submitted && idError ? ` ${uid}-id-err` : ''}`}
            onChange={(e) => setProviderId(e.target.value)}
          />
          <span id={`${uid}-id-hint`} className="field-hint">
            {t('customize.idHint')}
          </span>
          {submitted && idError && (
            <span id={`${uid}-id-err`} className="field-error">
              {idError}
            </span>
          )}
        </div>
        <div className="field">
          <label htmlFor={`${uid}-api`}>{t('customize.api')}</label>
          <select id={`${uid}-api`} className="select" value={api} aria-describedby={`${uid}-api-hint`} onChange={(e) => setApi(e.target.value as ProviderApi)}>
            {providerApis.map((a) => (
              <option key={a} value={a}>
                {a === suggested ? `${t(`api.${a}`)} ${t('customize.suggested')}` : t(`api.${a}`)}
              </option>
            ))}
          </select>
          <span id={`${uid}-api-hint`} className="field-hint">
            {kind === 'ollama' ? t('customize.apiHintOllama') : endpoint.responsesApi === false ? t('customize.apiHintCompletions') : t('customize.apiHintResponses')}{' '}
            {t('customize.baseUrlWill', { url: baseUrl })}
          </span>
        </div>
        <fieldset className="pv-fieldset" aria-describedby={submitted && modelsError ? `${uid}-models-err` : undefined}>
          <legend className="field-label">{t('customize.models')}</legend>
          {endpoint.models.map((m, i) => {
            const cw = realContext(m);
            return (
              <label key={m.id} className="pv-check">
                <input
                  id={`${uid}-m${i}`}
                  type="checkbox"
                  checked={picked.has(m.id)}
                  aria-invalid={submitted && !!modelsError ? true : undefined}
                  aria-describedby={submitted && modelsError ? `${uid}-models-err` : undefined}
                  onChange={(e) => toggle(m.id, e.target.checked)}
                />
                <code className="pv-model-id">{m.id}</code>
                <span className="muted small">{cw !== undefined ? t('customize.contextOf', { tokens: formatTokens(cw) }) : t('found.unknownContext')}</span>
                {m.state === 'loaded' && (
                  <span className="badge" data-tone="ok">
                    {t('found.loaded')}
                  </span>
                )}
              </label>
            );
          })}
          {submitted && modelsError && (
            <span id={`${uid}-models-err`} className="field-error">
              {modelsError}
            </span>
          )}
        </fieldset>
        <div className="field">
          <label htmlFor={`${uid}-key`}>{t('customize.apiKey')}</label>
          <input id={`${uid}-key`} className="input mono" type="password" value={apiKey} autoComplete="off" spellCheck={false} aria-describedby={`${uid}-key-hint`} onChange={(e) => setApiKey(e.target.value)} />
          <span id={`${uid}-key-hint`} className="field-hint">
            {t('customize.apiKeyHint')}
          </span>
        </div>
    </FormDialog>
  );
}
