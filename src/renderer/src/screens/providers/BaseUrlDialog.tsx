// Point a provider at another server address (e.g. a Docker-only host.docker.internal URL at
// http://127.0.0.1:1234/v1). The change goes through the shared diff dialog like every other.
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/Button';
import { focusFirstInvalid } from '../../components/form-focus';
import { normalizeHttpUrl } from '../../components/url';
import { useConfigStore } from '../../stores/config-store';
import { FormDialog } from './FormDialog';

/** A likely fix for an address only reachable from inside a container. */
export function suggestedBaseUrl(current: string | undefined): string | undefined {
  if (!current) return undefined;
  try {
    const u = new URL(current);
    if (u.hostname !== 'host.docker.internal') return undefined;
    u.hostname = '127.0.0.1';
    return u.toString().replace(/\/$/, '');
  } catch {
    return undefined;
  }
}

export function BaseUrlDialog({ providerId, current, onClose }: { providerId: string; current?: string; onClose(): void }): React.JSX.Element {
  const { t } = useTranslation('providers');
  const propose = useConfigStore((s) => s.propose);
  const uid = useId();
  const [value, setValue] = useState(current ?? '');
  const [error, setError] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const suggestion = suggestedBaseUrl(current);

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const typed = value.trim();
    const url = normalizeHttpUrl(typed);
    const message = !typed ? t('baseUrl.errRequired') : !url ? t('baseUrl.errUrl') : url === current ? t('baseUrl.errSame') : null;
    if (message) return focusFirstInvalid(() => setError(message), [`${uid}-url`]);
    onClose();
    void propose({ type: 'set-base-url', input: { provider: providerId, baseUrl: url! } });
  };

  return (
    <FormDialog title={t('baseUrl.title', { id: providerId })} testId="base-url-dialog" submitLabel={t('baseUrl.preview')} onClose={onClose} onSubmit={submit}>
        <p className="muted pv-line">{t('baseUrl.intro')}</p>
        <div className="field">
          <label htmlFor={`${uid}-url`}>{t('baseUrl.label')}</label>
          <input
            ref={inputRef}
            id={`${uid}-url`}
            className="input mono"
            type="url"
            inputMode="url"
            autoComplete="off"
            spellCheck={false}
            value={value}
            aria-invalid={error ? true : undefined}
            aria-describedby={`${error ? `${uid}-err ` : ''}${uid}-hint`}
            onChange={(e) => {
              setValue(e.target.value);
              if (error) setError(null);
            }}
          />
          {error && (
            <span id={`${uid}-err`} className="field-error">
              {error}
            </span>
          )}
          <span id={`${uid}-hint`} className="field-hint">
            {t('baseUrl.hint')}
          </span>
        </div>
        {suggestion && suggestion !== value.trim() && (
          <p className="pv-note" data-tone="info">
            {t('baseUrl.dockerNote')}{' '}
            <Button
              size="sm"
              onClick={() => {
                setValue(suggestion);
                setError(null);
                inputRef.current?.focus();
              }}
            >
              {t('baseUrl.useSuggestion', { url: suggestion })}
            </Button>
          </p>
        )}
    </FormDialog>
  );
}
