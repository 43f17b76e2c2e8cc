// An accessible on/off switch (role="switch"): Space/Enter toggle, the label names it.
import { useId } from 'react';

export interface SwitchProps {
  checked: boolean;
  onChange(next: boolean): void;
  label: string;
  /** Hide the visible label (it is still the accessible name). */
  hideLabel?: boolean;
  disabled?: boolean;
  busy?: boolean;
  describedBy?: string;
  testId?: string;
}

export function Switch({ checked, onChange, label, hideLabel, disabled, busy, describedBy, testId }: SwitchProps): React.JSX.Element {
  const id = useId();
  return (
    <button
      type="button"
      role="switch"
      className="switch"
      aria-checked={checked}
      aria-labelledby={id}
      aria-describedby={describedBy}
      aria-busy={busy || undefined}
      disabled={disabled || busy}
      data-testid={testId}
      onClick={() => onChange(!checked)}
    >
      <span className="switch-track" aria-hidden="true">
        <span className="switch-thumb" />
      </span>
      <span id={id} className={hideLabel ? 'visually-hidden' : undefined}>
        {label}
      </span>
      {busy && <span className="spinner" aria-hidden="true" />}
    </button>
  );
}
