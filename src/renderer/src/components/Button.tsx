import type { ButtonHTMLAttributes, ReactNode, Ref } from 'react';

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: 'primary' | 'danger' | 'ghost' | 'default';
  size?: 'sm' | 'md';
  /** Shows a spinner and disables the button while a slow action runs. */
  busy?: boolean;
  children: ReactNode;
  ref?: Ref<HTMLButtonElement>;
  /** Marks the control a dialog focuses first. */
  'data-autofocus'?: boolean;
}

export function Button({ variant = 'default', size = 'md', busy = false, disabled, children, type = 'button', onClick, ...rest }: ButtonProps): React.JSX.Element {
  // Busy is aria-disabled, not disabled: a disabled button loses keyboard focus to <body>, so the
  // person would have to find their place again after every slow action.
  const held = busy && !disabled;
  return (
    <button
      {...rest}
      type={type}
      className={`btn ${rest.className ?? ''}`}
      data-variant={variant}
      data-size={size}
      disabled={disabled}
      aria-disabled={held || undefined}
      aria-busy={busy || undefined}
      onClick={(e) => {
        if (held) e.preventDefault(); // also stops a submit button from submitting again
        else onClick?.(e);
      }}
    >
      {busy && <span className="spinner" aria-hidden="true" />}
      {children}
    </button>
  );
}
