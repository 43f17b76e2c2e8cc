// What every `warmclaw` command module shares: the I/O it prints through, the parsed options and the
// usage error. Its own module so the command modules (cli.ts, server-commands.ts) need not import
// each other.
import type { parseArgs } from 'node:util';
import { WarmclawError } from '../core/errors';

/** Where a command prints, and the environment it runs in (tests pass their own). */
export interface CliIo {
  out: (s: string) => void;
  err: (s: string) => void;
  env: NodeJS.ProcessEnv;
}

/** Every option any command takes (node:util parseArgs, strict: an unknown one is a usage error). */
export const CLI_OPTIONS = {
  config: { type: 'string' },
  json: { type: 'boolean' },
  'openclaw-bin': { type: 'string' },
  openclaw: { type: 'boolean' },
  model: { type: 'string', multiple: true },
  id: { type: 'string' },
  'base-url': { type: 'string' },
  api: { type: 'string' },
  'api-key': { type: 'string' },
  name: { type: 'string' },
  'context-window': { type: 'string' },
  'max-tokens': { type: 'string' },
  reasoning: { type: 'boolean' },
  clear: { type: 'boolean' },
  'with-refs': { type: 'boolean' },
  agents: { type: 'boolean' },
  remove: { type: 'boolean' },
  kind: { type: 'string' },
  'api-key-env': { type: 'string' },
  input: { type: 'string' },
  'no-scan': { type: 'boolean' },
  ui: { type: 'boolean' },
  verbose: { type: 'boolean' },
  port: { type: 'string' },
  'timeout-seconds': { type: 'string' },
  'context-tokens': { type: 'string' },
  'keep-alive': { type: 'string' },
  'num-ctx': { type: 'string' },
  preload: { type: 'boolean' },
  'idle-stop-ms': { type: 'string' },
  unset: { type: 'string', multiple: true },
  level: { type: 'string' },
  grep: { type: 'string' },
  server: { type: 'string' },
  lines: { type: 'string', short: 'n' },
  app: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** The parsed options, as each command reads them. */
export type Values = ReturnType<typeof parseArgs<{ options: typeof CLI_OPTIONS; allowPositionals: true }>>['values'];

/** A usage error (exit 1) that points at `--help`. */
export function usage(message: string): never {
  throw new WarmclawError('usage', `${message}\nRun \`warmclaw --help\` for the commands.`);
}
