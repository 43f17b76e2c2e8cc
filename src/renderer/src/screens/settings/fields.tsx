// Inputs that save on blur or Enter (Escape puts the saved value back), with their validation message.
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../i18n/format';

interface CommitFieldProps<T> {
  label: string;
  hint?: string;
  /** The saved value, as text. */
  value: string;
  disabled?: boolean;
  /** Text → value, or an error message. */
  parse(text: string): { ok: true; value: T } | { ok: false; error: string };
  commit(value: T): Promise<unknown>;
  inputProps?: React.InputHTMLAttributes<HTMLInputElement>;
  suffix?: string;
  testId?: string;
  className?: string;
}

export function CommitField<T>({ label, hint, value, disabled, parse, commit, inputProps, suffix, testId, className }: CommitFieldProps<T>): React.JSX.Element {
  const id = useId();
  const [draft, setDraft] = useState(value);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const pending = useRef(false);

  // Follow the saved value (another window, the CLI) unless the person is typing.
  useEffect(() => {
    if (!editing) setDraft(value);
  }, [value, editing]);

  const submit = async () => {
    if (pending.current) return; // Enter already sent it; the blur that follows must not send it again
    setEditing(false);
    if (draft.trim() === value.trim()) {
      setError(null);
      setDraft(value);
      return;
    }
    const r = parse(draft);
    if (!r.ok) {
      setError(r.error);
      setEditing(true); // keep what they typed so they can fix it
      return;
    }
    setError(null);
    pending.current = true;
    try {
      await commit(r.value);
    } finally {
      pending.current = false;
    }
  };

  const describedBy = [error ? `${id}-err` : null, hint ? `${id}-hint` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field st-field ${className ?? ''}`}>
      <label htmlFor={id}>{label}</label>
      <div className="st-input-row">
        <input
          {...inputProps}
          id={id}
          className={`input ${inputProps?.className ?? ''}`}
          value={draft}
          disabled={disabled}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          data-testid={testId}
          onChange={(e) => {
            setEditing(true);
            setDraft(e.target.value);
          }}
          onBlur={() => void submit()}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              void submit();
            } else if (e.key === 'Escape' && editing) {
              e.preventDefault();
              setEditing(false);
              setError(null);
              setDraft(value);
            }
          }}
        />
        {suffix && (
          <span className="muted small" aria-hidden="true">
            {suffix}
          </span>
        )}
      </div>
      {error && (
        <span id={`${id}-err`} className="field-error" role="alert">
          {error}
        </span>
      )}
      {hint && (
        <span id={`${id}-hint`} className="field-hint">
          {hint}
        </span>
      )}
    </div>
  );
}

/** Seconds (decimals allowed when step < 1), bounded; the value handed to commit is in seconds. */
export function SecondsField({
  label,
  hint,
  seconds,
  min,
  max,
  step = 1,
  integer,
  disabled,
  commit,
  testId,
}: {
  label: string;
  hint?: string;
  seconds: number;
  min: number;
  max?: number;
  step?: number;
  integer?: boolean;
  disabled?: boolean;
  commit(seconds: number): Promise<unknown>;
  testId?: string;
}): React.JSX.Element {
  const { t } = useTranslation('settings');
  const rangeError = max !== undefined ? t('validation.range', { min: formatNumber(min), max: formatNumber(max) }) : t('validation.atLeast', { min: formatNumber(min) });
  return (
    <CommitField<number>
      label={label}
      hint={hint}
      value={String(seconds)}
      disabled={disabled}
      suffix={t('units.seconds')}
      testId={testId}
      className="st-number"
      inputProps={{ type: 'number', min, max, step, inputMode: integer ? 'numeric' : 'decimal' }}
      parse={(text) => {
        const s = text.trim().replace(',', '.');
        const n = Number(s);
        if (!s || !Number.isFinite(n)) return { ok: false, error: t('validation.number') };
        if (integer && !Number.isInteger(n)) return { ok: false, error: t('validation.whole') };
        if (n < min || (max !== undefined && n > max)) return { ok: false, error: rangeError };
        return { ok: true, value: n };
      }}
      commit={commit}
    />
  );
}
