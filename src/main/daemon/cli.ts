// The `warmclaw` command line: the interface users script against and later issues build on.
// Parsing is node:util parseArgs (no dependency); every edit goes through ConfigFile, the one writer.
import { parseArgs } from 'node:util';
import type { ConfigWarning, EditCommand } from '../../shared/config-edits';
import { editCommandSchema } from '../../shared/config-edits';
import { serverKinds } from '../../shared/openclaw-schema';
import { WarmclawError, exitCodeFor, toErrorPayload } from '../core/errors';
import { isLocalRef, readProviders, readRouting } from '../core/openclaw/config-model';
import { agentsView } from '../core/openclaw/agents';
import type { ApplyResult } from '../core/openclaw/config-file';
import { lintConfig } from '../core/openclaw/lint';
import { declaredRefs, namedRefs } from '../core/openclaw/model-refs';
import { unknownRefWarning } from '../core/openclaw/openclaw-model-catalog';
import { openConfig, type OpenedConfig } from '../core/openclaw/open-config';
import { getAt, type Json5Document } from '../core/openclaw/json5-document';
import { restoredOrder } from '../core/openclaw/local-first-memory';
import { KIND_DEFAULTS } from '../core/openclaw/edits';
import { lookOnce } from '../core/monitor/look-once';
import { withServerFacts } from '../../shared/server-facts';
import { warmclawDataDir } from '../core/paths';
import { escapeControls } from '../core/text';
import { readFailoverRecord } from '../core/warm/failover-record';
import { CLI_OPTIONS, usage, type CliIo, type Values } from './cli-args';
import { cliSayer, type Say } from './cli-language';
import { endpointsCommand, serverStatus, unloadNow, warmNow } from './server-commands';
import { runDaemon } from './daemon';
import { logCommand } from './log-command';
import { modelTestCommand } from './test-command';

const USAGE = `Usage: warmclaw [--config <path>] [--json] <command>

Config (openclaw.json):
  config path                      where the config is and whether Warmclaw may write it
  config show                      providers, routing, aliases and warnings
  config agents                    every agent's effective model: its own or agents.defaults',
                                   local or hosted, and whether "use local first" moves it
  config validate [--openclaw]     parse + Warmclaw checks; --openclaw also runs OpenClaw's validator
                                   and asks its model catalog about the refs the file names
  config add-provider <kind> --model <id> [--model <id>…] [--id ID] [--base-url URL]
                     [--api openai-responses|openai-completions|ollama] [--api-key KEY]
                     [--name NAME] [--context-window N] [--max-tokens N] [--reasoning]
                                   kinds: ${serverKinds.join(', ')}
  config remove-provider <id> [--with-refs]
                                   removes its block; --with-refs also drops the routing
                                   entries, aliases and agent models that name it
  config set-provider <id> [--timeout-seconds N] [--keep-alive 30m] [--num-ctx N] [--preload | --no-preload]
                     [--idle-stop-ms N] [--context-tokens N [--model <model id>]] [--unset <knob>…]
                                   OpenClaw's own knobs for a provider (contextTokens goes on its models);
                                   --unset timeout-seconds|keep-alive|num-ctx|preload|idle-stop-ms|context-tokens
  config set-limits <provider/model> [--context-window N] [--max-tokens N]
  config set-model <provider/model> [--name NAME] [--reasoning | --no-reasoning] [--input text,image]
  config set-primary <provider/model>
  config fallbacks <provider/model>… | --clear
  config alias <provider/model> <alias> | config alias <provider/model> --remove
  config diff <edit command…>      dry run: prints the unified diff, writes nothing
  config undo                      put back the version before Warmclaw's last write
  config backups                   list Warmclaw's backups of this file
  config restore <backup-id>
  local-first on [--model <provider/model>] [--agents] | off | status
                                   --agents: also for agents that set a model of their own

Servers (headless):
  status                           probe every local server once: health, models, context, warm state
  warm <provider/model>            warm a model now, as OpenClaw will need it (reports a cold start)
  unload <provider/model>          unload it now (keep-warm holds off until you warm it again)
  test <provider/model>            one streamed chat offering one tool, as an agent would: reachable,
                                   time to first token, tokens/s, a well-formed tool call?, context
  endpoints list | add <url> [--kind K] [--api-key-env VAR] | remove <url>
  daemon [--ui [--port N]] [--verbose]
                                   keep models warm and watch servers until Ctrl-C (one per user);
                                   --ui also serves the web UI on 127.0.0.1 and prints its sign-in link;
                                   JSON log lines go to the log file (--verbose: stderr too, --json: stdout)
  log [--level debug|info|warn|error] [--grep TEXT] [--server URL] [-n N] [--app]
                                   the newest lines of the daemon's log (--app: the app's), secrets
                                   redacted; --level keeps that level and above; -n lines (default 50)

Options: --config <path> (else OPENCLAW_CONFIG_PATH, $OPENCLAW_STATE_DIR/openclaw.json, ~/.openclaw/openclaw.json)
         --json  machine-readable output   --openclaw-bin <path>  OpenClaw CLI used to validate writes
Exit codes: 0 ok, 1 usage, 2 invalid file or input, 3 read-only, 4 conflict.`;

function intOption(v: string | undefined, name: string): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v)) usage(`--${name} takes a whole number of tokens, got "${v}".`);
  return Number(v);
}

/**
 * add-provider asks the server first (as the UI's two-click add does): context, vision, thinking and
 * names come from what it reports; what the user typed wins. Other edits pass through.
 */
async function withFacts(cmd: EditCommand, io: CliIo, json: boolean): Promise<EditCommand> {
  if (cmd.type !== 'add-provider') return cmd;
  const input = cmd.input;
  const baseUrl = input.baseUrl ?? KIND_DEFAULTS[input.kind].baseUrl;
  // A literal key may be needed to list models; a ${VAR} reference is OpenClaw's to resolve, not ours.
  const apiKey = input.apiKey && !/^\$\{/.test(input.apiKey) ? input.apiKey : undefined;
  const ep = await lookOnce(baseUrl, { kind: input.kind === 'openai-compatible' ? undefined : input.kind, apiKey });
  const filled = withServerFacts(input, ep);
  if (!json) for (const n of filled.notes) io.err(`note: ${escapeControls(n)}`);
  return { ...cmd, input: filled.input };
}

/** Builds the edit command for `config <verb> …` / `local-first on|off`; zod checks the result. */
export function buildEdit(words: string[], v: Values): EditCommand {
  const [verb, ...args] = words;
  let raw: unknown;
  switch (verb) {
    case 'add-provider': {
      const kind = args[0];
      if (!kind) usage(`add-provider needs a server kind: ${serverKinds.join(', ')}.`);
      const models = v.model ?? [];
      if (models.length > 1 && (v.name || v['context-window'] || v['max-tokens'])) usage('--name, --context-window and --max-tokens apply to one model: add models one at a time.');
      raw = {
        type: 'add-provider',
        input: {
          kind,
          id: v.id,
          baseUrl: v['base-url'],
          api: v.api,
          apiKey: v['api-key'],
          models: models.map((id) => ({
            id,
            name: v.name,
            contextWindow: intOption(v['context-window'], 'context-window'),
            maxTokens: intOption(v['max-tokens'], 'max-tokens'),
            reasoning: v.reasoning,
          })),
        },
      };
      break;
    }
    case 'remove-provider':
      if (!args[0]) usage('remove-provider needs a provider id (see `warmclaw config show`).');
      raw = { type: 'remove-provider', input: { id: args[0], ...(v['with-refs'] && { withRefs: true }) } };
      break;
    case 'set-provider': {
      if (!args[0]) usage('set-provider needs a provider id (see `warmclaw config show`).');
      const unset = new Set(v.unset ?? []);
      const knobs = ['timeout-seconds', 'keep-alive', 'num-ctx', 'preload', 'idle-stop-ms', 'context-tokens'];
      for (const u of unset) if (!knobs.includes(u)) usage(`--unset takes one of ${knobs.join(', ')}; got "${u}".`);
      const knob = <T>(flag: string, value: T | undefined) => (unset.has(flag) ? null : value);
      const keepAlive = v['keep-alive'];
      raw = {
        type: 'set-provider-options',
        input: {
          provider: args[0],
          timeoutSeconds: knob('timeout-seconds', intOption(v['timeout-seconds'], 'timeout-seconds')),
          // A bare number is seconds to Ollama (and -1 is forever); a string such as 30m passes as is.
          keepAlive: knob('keep-alive', keepAlive !== undefined && /^-?\d+$/.test(keepAlive) ? Number(keepAlive) : keepAlive),
          numCtx: knob('num-ctx', intOption(v['num-ctx'], 'num-ctx')),
          preload: knob('preload', v.preload),
          idleStopMs: knob('idle-stop-ms', intOption(v['idle-stop-ms'], 'idle-stop-ms')),
          contextTokens: knob('context-tokens', intOption(v['context-tokens'], 'context-tokens')),
          model: v.model?.[0],
        },
      };
      break;
    }
    case 'set-limits':
      raw = { type: 'set-limits', input: { ref: args[0], contextWindow: intOption(v['context-window'], 'context-window'), maxTokens: intOption(v['max-tokens'], 'max-tokens') } };
      break;
    case 'set-model':
      raw = { type: 'set-model-details', input: { ref: args[0], name: v.name, reasoning: v.reasoning, input: v.input?.split(',').map((k) => k.trim()) } };
      break;
    case 'set-primary':
      raw = { type: 'set-primary', input: { ref: args[0] } };
      break;
    case 'fallbacks':
      if (args.length === 0 && !v.clear) usage('Name the fallbacks in order, or pass --clear to remove them all.');
      raw = { type: 'set-fallbacks', input: { refs: v.clear ? [] : args } };
      break;
    case 'alias':
      raw = v.remove ? { type: 'remove-alias', input: { ref: args[0] } } : { type: 'set-alias', input: { ref: args[0], alias: args[1] } };
      break;
    case 'on':
      raw = { type: 'local-first-on', input: { localRef: v.model?.[0], ...(v.agents && { coverAgents: true }) } };
      break;
    case 'off':
      raw = { type: 'local-first-off', input: {} };
      break;
    default:
      usage(`"${verb ?? ''}" is not an edit command.`);
  }
  const parsed = editCommandSchema.safeParse(raw);
  if (!parsed.success) throw new WarmclawError('invalid-input', editInputWords(verb, parsed.error.issues));
  return parsed.data;
}

/** What a person typed wrong, in words ("alias is missing"), and the command's own usage line. */
export function editInputWords(verb: string | undefined, issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  const what = issues.map((i) => {
    const field = i.path.filter((p) => p !== 'input').map(String).join('.') || 'the input';
    // zod's own words for an absent argument are "Invalid input: expected string, received undefined".
    return /received undefined/.test(i.message) ? `${field} is missing` : `${field}: ${i.message.replace(/^Invalid input: /, '')}`;
  });
  const line = USAGE.split('\n').find((l) => l.startsWith(`  config ${verb} `) || l.startsWith(`  config ${verb}\n`));
  return `config ${verb ?? ''}: ${what.join('; ')}.${line ? ` Usage: warmclaw ${line.trim().replace(/\s{2,}.*$/, '')}` : ''}`;
}

/** A value from a file or a server inside one output line: a line break in it must not start a fake line. */
const line = (s: string) => escapeControls(s);

function describeApply(r: ApplyResult, say: Say): string[] {
  const lines: string[] = [];
  const summary = say(r.summaryMsg, r.summary);
  lines.push(r.changed ? summary : `${summary} (no change needed)`);
  for (const w of r.warnings) lines.push(`${w.severity}: ${say(w.msg, w.message)}`);
  if (r.gateway) lines.push(`gateway: ${r.gateway.message}`);
  for (const i of r.gateway?.issues ?? []) lines.push(`  - ${i.path || '(root)'}: ${i.message}`);
  if (r.existingIssues.length) {
    lines.push(`note: OpenClaw already reports ${r.existingIssues.length} issue(s) in this file (not caused by this change):`);
    for (const i of r.existingIssues) lines.push(`  - ${i.path || '(root)'}: ${i.message}`);
  }
  if (r.backup) lines.push(`Backup ${r.backup.id} kept; \`warmclaw config undo\` puts the previous version back.`);
  return lines;
}

async function showConfig(cfg: OpenedConfig, io: CliIo, json: boolean): Promise<void> {
  const { exists, doc } = await cfg.file.read();
  const providers = readProviders(doc);
  const routing = readRouting(doc);
  const warnings = lintConfig(doc);
  const memory = await cfg.file.localFirst.get(cfg.file.path);
  const aliases = Object.entries((getAt(doc, ['agents', 'defaults', 'models']) as Record<string, { alias?: string }> | undefined) ?? {})
    .filter(([, v]) => v && typeof v === 'object' && typeof v.alias === 'string')
    .map(([ref, v]) => ({ ref, alias: v.alias as string }));
  const localFirst = isLocalRef(providers, routing.primary);
  const view = {
    path: cfg.located.path,
    exists,
    readOnly: (await cfg.file.access()).readOnly,
    providers: providers.map((p) => ({ id: p.id, baseUrl: p.baseUrl, api: p.api, local: isLocalRef(providers, `${p.id}/x`), models: p.models.map((m) => ({ id: m.id, contextWindow: m.contextWindow, maxTokens: m.maxTokens })) })),
    routing,
    aliases,
    localFirst: { on: localFirst, remembered: memory !== null, ...(restoredOrder(memory) && { restores: restoredOrder(memory) }) },
    warnings,
  };
  if (json) {
    io.out(JSON.stringify({ ok: true, data: view }, null, 2));
    return;
  }
  io.out(`${cfg.located.path}${exists ? '' : ' (does not exist yet)'}${view.readOnly ? ' [read-only]' : ''}`);
  io.out(`Primary:   ${line(routing.primary ?? '(not set)')}${localFirst ? '  [local first]' : ''}`);
  io.out(`Fallbacks: ${routing.fallbacks.map(line).join(' → ') || '(none)'}`);
  io.out('Providers:');
  if (providers.length === 0) io.out('  (none declared; hosted providers come from OpenClaw\'s catalog)');
  for (const p of view.providers) {
    io.out(`  ${line(p.id)}${p.local ? ' (local)' : ''}  ${line(p.baseUrl ?? '')}  ${line(p.api ?? '')}`);
    for (const m of p.models) io.out(`    - ${line(m.id)}  context ${m.contextWindow ?? '?'}  max ${m.maxTokens ?? '?'}`);
  }
  if (aliases.length) io.out(`Aliases:   ${aliases.map((a) => `${line(a.alias)} → ${line(a.ref)}`).join(', ')}`);
  const say = cliSayer(io.env);
  for (const w of warnings) io.out(`${w.severity}: ${say(w.msg, w.message)}${w.path ? ` [${w.path}]` : ''}`);
}

/** Every agent's routing as OpenClaw resolves it (agents.ts), with where it comes from and local/hosted. */
async function showAgents(cfg: OpenedConfig, io: CliIo, json: boolean): Promise<void> {
  const { doc } = await cfg.file.read();
  const agents = agentsView(doc);
  if (json) {
    io.out(JSON.stringify({ ok: true, data: { defaults: readRouting(doc), agents } }, null, 2));
    return;
  }
  if (agents.length === 0) {
    io.out('No agents listed (agents.entries / agents.list): every run uses agents.defaults.model.');
    return;
  }
  for (const a of agents) {
    io.out(`${line(a.id)}  ${line(a.primary ?? '(not set)')} (${a.local ? 'local' : 'hosted'}, ${a.primaryFrom === 'agent' ? 'its own' : 'from defaults'})`);
    io.out(`  fallbacks: ${a.fallbacks.map(line).join(' → ') || '(none)'}${a.fallbacksFrom === 'agent' ? ' (its own)' : ' (from defaults)'}`);
    if (!a.followsLocalFirst) io.out('  "use local first" does not move it (it sets its own model); `warmclaw local-first on --agents` covers it');
  }
}

/** Refs the file names (routing, aliases) that OpenClaw's catalog lacks; its own listed models need no asking. */
async function catalogWarnings(cfg: OpenedConfig, text: string, doc: Json5Document): Promise<ConfigWarning[]> {
  const listed = new Set(declaredRefs(doc));
  const refs = [...namedRefs(doc)].filter((r) => r.includes('/') && !listed.has(r));
  if (refs.length === 0) return [];
  try {
    return (await cfg.validator!.unknownRefs!(text, refs)).map(unknownRefWarning);
  } catch (err) {
    return [{ code: 'model-check-failed', severity: 'info', message: `OpenClaw's CLI could not check the model names: ${(err as Error).message}` }];
  }
}

async function validateConfig(cfg: OpenedConfig, io: CliIo, json: boolean, withOpenclaw: boolean): Promise<number> {
  const { doc, text } = await cfg.file.read();
  readProviders(doc);
  readRouting(doc);
  const warnings = lintConfig(doc);
  let openclaw: { ran: boolean; issues: { path: string; message: string }[]; reason?: string } = { ran: false, issues: [] };
  if (withOpenclaw) {
    openclaw = cfg.validator
      ? { ran: true, issues: await cfg.file.currentIssues() }
      : { ran: false, issues: [], reason: 'No OpenClaw CLI found (PATH, --openclaw-bin or WARMCLAW_OPENCLAW_BIN).' };
    // Model names are outside the schema: OpenClaw's catalog judges the refs the file names itself.
    if (cfg.validator?.unknownRefs) warnings.push(...(await catalogWarnings(cfg, text, doc)));
  }
  const ok = openclaw.issues.length === 0;
  if (json) {
    io.out(JSON.stringify({ ok, data: { path: cfg.located.path, parses: true, warnings, openclaw } }, null, 2));
  } else {
    io.out(`${cfg.located.path}: parses as JSON5, the parts Warmclaw edits have the right types.`);
    const say = cliSayer(io.env);
    for (const w of warnings) io.out(`${w.severity}: ${say(w.msg, w.message)}${w.path ? ` [${w.path}]` : ''}`);
    if (withOpenclaw && !openclaw.ran) io.out(`OpenClaw validator: not run. ${openclaw.reason}`);
    if (openclaw.ran && ok) io.out('OpenClaw validator: valid.');
    if (!ok) {
      io.out(`OpenClaw validator: ${openclaw.issues.length} issue(s):`);
      for (const i of openclaw.issues) io.out(`  - ${i.path || '(root)'}: ${i.message}`);
    }
  }
  return ok ? 0 : 2;
}

/** Runs the CLI; returns the exit code. Never throws. */
export async function runCli(argv: string[], rawIo: CliIo): Promise<number> {
  let json = argv.includes('--json');
  // Everything printed may quote a server or a file (model ids, errors, paths): control characters
  // are shown, never sent to the terminal. JSON stays JSON (C1 and DEL become \u escapes).
  const io: CliIo = {
    env: rawIo.env,
    out: (s) => rawIo.out(escapeControls(s, { keepNewlines: true, json })),
    err: (s) => rawIo.err(escapeControls(s, { keepNewlines: true, json })),
  };
  try {
    const { values: v, positionals } = parseArgs({ args: argv, options: CLI_OPTIONS, allowPositionals: true, allowNegative: true, strict: true });
    json = !!v.json;
    if (v.help || positionals.length === 0) {
      io.out(USAGE);
      return positionals.length === 0 && !v.help ? 1 : 0;
    }
    const [group, sub, ...rest] = positionals;
    // Reads Warmclaw's own log file: no openclaw.json needed.
    if (group === 'log') return await logCommand(io, v, json);
    const cfg = await openConfig({ flag: v.config, env: io.env, openclawBin: v['openclaw-bin'] });
    const emit = async (r: ApplyResult) => {
      // The write is done (validated in process); OpenClaw's own CLI re-checks it for the rules outside
      // its schema. A one-shot command waits for that verdict so the user sees it.
      const check = r.backgroundCheck ? await cfg.file.lastBackgroundCheck : undefined;
      if (json) io.out(JSON.stringify({ ok: true, data: check ? { ...r, openclawCheck: check } : r }, null, 2));
      else {
        const say = cliSayer(io.env);
        describeApply(r, say).forEach((l) => io.out(l));
        for (const w of check?.warnings ?? []) io.out(`${w.severity}: ${say(w.msg, w.message)}`);
        if (check && check.status !== 'ok') io.err(check.message);
      }
      return 0;
    };

    if (group === 'status') return await serverStatus(io, v, json);
    if (group === 'warm') return await warmNow(io, v, json, sub);
    if (group === 'test') return await modelTestCommand(io, v.config, json, sub);
    if (group === 'unload') return await unloadNow(io, v, json, sub);
    if (group === 'endpoints') return endpointsCommand(io, v, json, sub, rest[0]);
    if (group === 'daemon') {
      // People get a status line and the sign-in link (stderr); the JSON log lines stay in the log file
      // unless asked for (--json: on stdout, only JSON there, for a supervisor; --verbose: on stderr).
      return await runDaemon({
        env: io.env,
        configFlag: v.config,
        print: (l) => io.err(l),
        echo: json ? (l) => io.out(l) : v.verbose ? (l) => io.err(l) : undefined,
        ui: v.ui || v.port !== undefined ? { port: v.port } : undefined,
      });
    }
    if (group === 'local-first') {
      if (sub === 'status') {
        const { doc } = await cfg.file.read();
        const providers = readProviders(doc);
        const routing = readRouting(doc);
        const on = isLocalRef(providers, routing.primary);
        const remembered = (await cfg.file.localFirst.get(cfg.file.path)) !== null;
        // The daemon's last auto-failover switch, when it is what set the routing we see now.
        const sw = readFailoverRecord(warmclawDataDir(io.env));
        const byFailover = sw && sw.primary === routing.primary ? sw : undefined;
        if (json) io.out(JSON.stringify({ ok: true, data: { on, primary: routing.primary ?? null, fallbacks: routing.fallbacks, remembered, ...(byFailover && { failover: byFailover }) } }));
        else {
          io.out(escapeControls(`Local first is ${on ? 'on' : 'off'}: primary ${routing.primary ?? '(not set)'}${routing.fallbacks.length ? `, then ${routing.fallbacks.join(' → ')}` : ''}.`));
          if (byFailover) io.out(escapeControls(`Auto-failover switched ${byFailover.direction === 'to-hosted' ? 'to hosted first' : 'back to local first'} at ${new Date(byFailover.at).toLocaleString()}: ${byFailover.reason}.`));
        }
        return 0;
      }
      if (sub !== 'on' && sub !== 'off') usage('local-first takes on, off or status.');
      return emit(await cfg.file.apply(buildEdit([sub, ...rest], v)));
    }
    if (group !== 'config') usage(`Unknown command "${group}".`);
    switch (sub) {
      case 'path': {
        const access = await cfg.file.access({ checkGateway: true });
        const data = { path: cfg.located.path, source: cfg.located.source, readOnly: access.readOnly, readOnlyReason: access.reason ?? null, writable: access.direct };
        if (json) io.out(JSON.stringify({ ok: true, data }));
        else if (access.direct) io.out(`${data.path}\nWarmclaw may write it.`);
        else if (!access.readOnly) io.out(`${data.path}\nWarmclaw writes it only through the running OpenClaw gateway: ${access.reason}.`);
        else io.out(`${data.path}\nread-only: ${access.reason}.`);
        return 0;
      }
      case 'show':
        await showConfig(cfg, io, json);
        return 0;
      case 'agents':
        await showAgents(cfg, io, json);
        return 0;
      case 'validate':
        return await validateConfig(cfg, io, json, !!v.openclaw);
      case 'diff': {
        const r = await cfg.file.preview(await withFacts(buildEdit(rest[0] === 'local-first' ? rest.slice(1) : rest, v), io, json));
        if (json) io.out(JSON.stringify({ ok: true, data: r }, null, 2));
        else io.out(r.diff || `${r.summary} (no change)`);
        return 0;
      }
      case 'undo':
        return emit(await cfg.file.undo());
      case 'restore':
        if (!rest[0]) usage('restore needs a backup id (see `warmclaw config backups`).');
        return emit(await cfg.file.restore(rest[0]));
      case 'backups': {
        const list = await cfg.file.backups.list();
        if (json) io.out(JSON.stringify({ ok: true, data: list.map(({ localFirstBefore: _l, ...b }) => b) }, null, 2));
        else if (list.length === 0) io.out('No backups yet: Warmclaw keeps one before each write.');
        else list.forEach((b) => io.out(`${b.id}  ${line(b.createdAt)}  ${b.bytes} bytes  before: ${line(b.reason)}${b.origin ? `  (by auto-failover: ${line(b.origin.why)})` : ''}`));
        return 0;
      }
      default:
        return emit(await cfg.file.apply(await withFacts(buildEdit([sub ?? '', ...rest], v), io, json)));
    }
  } catch (err) {
    const payload = toErrorPayload(err instanceof TypeError && /parseArgs|Unknown option|ERR_PARSE_ARGS/.test(String((err as { code?: string }).code ?? err.message)) ? new WarmclawError('usage', `${err.message}\nRun \`warmclaw --help\` for the commands.`) : err);
    if (json) io.out(JSON.stringify({ ok: false, error: payload }));
    else io.err(`warmclaw: ${cliSayer(io.env)(payload.msg, payload.message)}`);
    return exitCodeFor(payload.code);
  }
}
