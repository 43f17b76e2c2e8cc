import type { ButtonHTMLAttributes, ReactNode } from 'react';

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: 'primary' | 'danger' | 'ghost' | 'default';
  size?: 'sm' | 'md';
  /** Shows a spinner and disables the button while a slow action runs. */
  busy?: boolean;
  children: ReactNode;
}

export function Button({ variant = 'default', size = 'md', busy = false, disabled, children, type = 'button', ...rest }: ButtonProps): React.JSX.Element {
  return (
    <button {...rest} type={type} className={`btn ${rest.className ?? ''}`} data-variant={variant} data-size={size} disabled={disabled || busy} aria-busy={busy || undefined}>
      {busy && <span className="spinner" aria-hidden="true" />}
      {children}
    </button>
  );
}
