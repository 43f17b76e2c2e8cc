// Adds a server Warmclaw should watch (one the scan cannot find: another port, another machine).
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { serverKinds, type ServerKind } from '../../../../shared/openclaw-constants';
import { Button } from '../../components/Button';
import { useSettingsStore } from '../../stores/settings-store';
import { useStatusStore } from '../../stores/status-store';

export function isHttpUrl(value: string): boolean {
  try {
    const u = new URL(value.trim());
    return (u.protocol === 'http:' || u.protocol === 'https:') && Boolean(u.hostname);
  } catch {
    return false;
  }
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

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const baseUrl = url.trim();
    if (!baseUrl) return setError(t('add.errorRequired'));
    if (!isHttpUrl(baseUrl)) return setError(t('add.errorUrl'));
    setError(null);
    setBusy(true);
    try {
      if (await addEndpoint({ baseUrl, ...(kind && { kind }) })) {
        setUrl('');
        setKind('');
        await refresh();
        onAdded?.();
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="db-add" onSubmit={(e) => void submit(e)} noValidate data-testid="add-endpoint-form">
      <div className="field db-add-url">
        <label htmlFor={`${id}-url`}>{t('add.url')}</label>
        <input
          id={`${id}-url`}
          className="input mono"
          type="url"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          placeholder="http://127.0.0.1:1234"
          value={url}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-err` : `${id}-hint`}
          onChange={(e) => {
            setUrl(e.target.value);
            if (error) setError(null);
          }}
        />
        {error ? (
          <span id={`${id}-err`} className="field-error" role="alert">
            {error}
          </span>
        ) : (
          <span id={`${id}-hint`} className="field-hint">
            {t('add.urlHint')}
          </span>
        )}
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
