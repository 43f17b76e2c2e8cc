// One rule for what counts as a secret, shared by the logs (values redacted) and every diff of
// openclaw.json shown to a person (values masked): API keys, gateway tokens, passwords, auth headers.

/**
 * Key names whose string values are secrets (`apiKey`, `x-api-key`, `token`, `botToken`,
 * `Authorization`, `password` …). `maxTokens` and other token counts are numbers, not secrets.
 */
export const SECRET_KEY = /(?:api[-_]?key|private[-_]?key|access[-_]?key|token(?!s|iz)|secret|passw(?:or)?d|authorization|bearer|cookie|credential)/i;

/** Secret-shaped values wherever they stand (a bearer header, an OpenAI-style key, Slack/GitHub/GitLab tokens). */
export const SECRET_VALUE: readonly RegExp[] = [/\bBearer\s+[A-Za-z0-9._~+/=-]{6,}/gi, /\bsk-[A-Za-z0-9_-]{8,}/g, /\b(?:xox[abp]|ghp|gho|glpat)-?[A-Za-z0-9_-]{8,}/g];

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

/** `${VAR}`: OpenClaw reads the value from the environment; the reference itself is no secret. */
export function isEnvReference(value: string): boolean {
  return /^\$\{[A-Za-z_][A-Za-z0-9_]*\}$/.test(value.trim());
}

/** How a secret is shown: `lm••••io` when it is long enough that four characters reveal little, else `••••`. */
export function maskSecret(value: string): string {
  return value.length >= 16 ? `${value.slice(0, 2)}••••${value.slice(-2)}` : '••••';
}
