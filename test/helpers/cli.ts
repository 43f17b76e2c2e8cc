// Runs the real CLI entry point in process with a given environment, collecting what it prints.
import { runCli } from '../../src/main/daemon/cli';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** A `run(...args)` bound to one environment (temp HOME, data dir, config path). */
export function cliRunner(env: NodeJS.ProcessEnv): (...args: string[]) => Promise<CliRun> {
  return async (...args) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(args, { out: (s) => out.push(s), err: (s) => err.push(s), env });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };
}
