// The provider settings form as plain data: what the file has, what the user typed, and the one
// set-provider-options command (or the reasons it cannot be sent). An emptied field removes the key.
import type { ConfigView } from '../../../../shared/contract';
import type { EditCommand } from '../../../../shared/config-edits';

type Provider = ConfigView['providers'][number];

export interface OptionsForm {
  timeoutSeconds: string;
  keepAlive: string;
  numCtx: string;
  preload: boolean;
  idleStopMs: string;
  contextTokens: string;
}

export type OptionsField = keyof Omit<OptionsForm, 'preload'>;

const str = (v: number | string | undefined) => (v === undefined ? '' : String(v));

/** contextTokens lives on each model: the form shows it when every model has the same value. */
function sharedContextTokens(p: Provider): number | undefined {
  const values = new Set(p.models.map((m) => m.contextTokens));
  return values.size === 1 ? [...values][0] : undefined;
}

export function initialOptions(p: Provider): OptionsForm {
  const o = p.options ?? {};
  return {
    timeoutSeconds: str(o.timeoutSeconds),
    keepAlive: str(o.keepAlive),
    numCtx: str(o.numCtx),
    preload: o.preload !== false,
    idleStopMs: str(o.idleStopMs),
    contextTokens: str(sharedContextTokens(p)),
  };
}

const POS_INT = /^\d+$/;
const KEEP_ALIVE = /^-?\d+(?:\.\d+)?(?:ms|s|m|h)?$/;

/** The command for the changed fields, or per-field error keys (i18n keys under `options.`). */
export function optionsCommand(p: Provider, initial: OptionsForm, form: OptionsForm): { command?: EditCommand; errors: Partial<Record<OptionsField, string>> } {
  const errors: Partial<Record<OptionsField, string>> = {};
  const input: Record<string, unknown> = { provider: p.id };
  const int = (field: OptionsField, key: string, min: number) => {
    const typed = form[field].trim();
    if (typed === initial[field]) return;
    if (!typed) input[key] = null;
    else if (!POS_INT.test(typed) || Number(typed) < min) errors[field] = min > 0 ? 'errPositive' : 'errWhole';
    else input[key] = Number(typed);
  };
  int('timeoutSeconds', 'timeoutSeconds', 1);
  int('numCtx', 'numCtx', 1);
  int('idleStopMs', 'idleStopMs', 0);
  int('contextTokens', 'contextTokens', 1);
  const ka = form.keepAlive.trim();
  if (ka !== initial.keepAlive) {
    if (!ka) input.keepAlive = null;
    else if (!KEEP_ALIVE.test(ka)) errors.keepAlive = 'errKeepAlive';
    // A bare number is seconds to Ollama, as in the file; "30m" stays a string.
    else input.keepAlive = /^-?\d+$/.test(ka) ? Number(ka) : ka;
  }
  // preload is only ever written as false (OpenClaw's default is true): ticking it again removes the key.
  if (form.preload !== initial.preload) input.preload = form.preload ? null : false;
  if (Object.keys(errors).length) return { errors };
  if (Object.keys(input).length === 1) return { errors: {} };
  return { command: { type: 'set-provider-options', input: input as Extract<EditCommand, { type: 'set-provider-options' }>['input'] }, errors };
}
