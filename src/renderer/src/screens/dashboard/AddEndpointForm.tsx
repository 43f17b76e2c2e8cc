// Adds a server Warmclaw should watch (one the scan cannot find: another port, another machine).
import { useId, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { serverKinds, type ServerKind } from '../../../../shared/openclaw-constants';
import { Button } from '../../components/Button';
import { canFocus, focusElement, restoreFocus } from '../../components/focus';
import { isHttpUrl, normalizeHttpUrl } from '../../components/url';
import { useSettingsStore } from '../../stores/settings-store';
import { useStatusStore } from '../../stores/status-store';

export { isHttpUrl };

/** The card of the endpoint at `baseUrl` (the monitor ids endpoints by their root URL). */
function endpointCardHeading(baseUrl: string): HTMLElement | null {
  const root = baseUrl.replace(/\/+$/, '').replace(/\/v1$/, '');
  for (const card of document.querySelectorAll<HTMLElement>('[data-testid="endpoint-card"]')) {
    const id = (card.dataset.endpointId ?? '').replace(/\/+$/, '');
    if (id === root || id === baseUrl.replace(/\/+$/, '')) return card.querySelector<HTMLElement>('h2');
  }
  return null;
}

export function AddEndpointForm({ onAdded }: { onAdded?: () => void }): React.JSX.Element {
  const { t } = useTranslation('dashboard');
  const id = useId();
  const addEndpoint = useSettingsStore((s) => s.addEndpoint);
  const refresh = useStatusStore((s) => s.refresh);
  const [url, setUrl] = useState('');
  const [kind, setKind] = useState<ServerKind | ''>('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);

  const fail = (message: string) => {
    // Render the message first so the field is already invalid and described when focus lands.
    flushSync(() => setError(message));
    inputRef.current?.focus();
  };

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const typed = url.trim();
    if (!typed) return fail(t('add.errorRequired'));
    // "127.0.0.1:1234" means http://127.0.0.1:1234.
    const baseUrl = normalizeHttpUrl(typed);
    if (!baseUrl) return fail(t('add.errorUrl'));
    setError(null);
    setBusy(true);
    let added: boolean;
    try {
      added = await addEndpoint({ baseUrl, ...(kind && { kind }) });
      if (added) {
        setUrl('');
        setKind('');
        await refresh();
        onAdded?.();
      }
    } finally {
      setBusy(false);
    }
    // The busy button dropped focus (and the form may be gone once a server answers): go to the new
    // endpoint's card, else back to the URL field, else the screen heading.
    if (added) restoreFocus({ prefer: () => endpointCardHeading(baseUrl), opener: inputRef.current, watchMs: 5000 });
    else if (canFocus(inputRef.current)) focusElement(inputRef.current);
  };

  return (
    <form className="db-add" onSubmit={(e) => void submit(e)} noValidate data-testid="add-endpoint-form">
      <div className="field db-add-url">
        <label htmlFor={`${id}-url`}>{t('add.url')}</label>
        <input
          ref={inputRef}
          id={`${id}-url`}
          className="input mono"
          type="url"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          placeholder="http://127.0.0.1:1234"
          value={url}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-err ${id}-hint` : `${id}-hint`}
          onChange={(e) => {
            setUrl(e.target.value);
            if (error) setError(null);
          }}
        />
        {error && (
          <span id={`${id}-err`} className="field-error">
            {error}
          </span>
        )}
        <span id={`${id}-hint`} className="field-hint">
          {t('add.urlHint')}
        </span>
      </div>
      <div className="field db-add-kind">
        <label htmlFor={`${id}-kind`}>{t('add.kind')}</label>
        <select id={`${id}-kind`} className="select" value={kind} onChange={(e) => setKind(e.target.value as ServerKind | '')}>
          <option value="">{t('add.kindAuto')}</option>
          {serverKinds.map((k) => (
            <option key={k} value={k}>
              {t(`common:kind.${k}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="db-add-submit">
        <Button type="submit" variant="primary" busy={busy}>
          {t('add.submit')}
        </Button>
      </div>
    </form>
  );
}
