// `warmclaw test <provider/model>`: the agent-style check of one configured model (one streamed chat
// offering one tool) and the context it ran at. Changes nothing in openclaw.json or the routing.
import { WarmclawError } from '../core/errors';
import { testConfiguredModel } from '../core/model-test/configured-model-test';
import type { ModelTestResult } from '../core/model-test/tool-call-test';
import { openConfig } from '../core/openclaw/open-config';
import { escapeControls } from '../core/text';
import type { CliIo } from './cli-args';

function report(ref: string, r: ModelTestResult, contextLength: number | undefined): string[] {
  const lines = [`${ref} (${r.api})`];
  if (!r.reachable) return [...lines, `  not reachable: ${r.error ?? 'no answer'}`];
  if (r.error) lines.push(`  failed: ${r.error}`);
  if (r.ttftMs !== undefined) lines.push(`  first token after ${Math.round(r.ttftMs)} ms${r.ttftMs > 5_000 ? ' (a cold load, most likely)' : ''}`);
  if (r.tokensPerSec !== undefined) lines.push(`  ${r.tokensPerSec.toFixed(1)} tokens/s (${r.outputTokens} tokens)`);
  lines.push(
    r.toolCall === 'well-formed'
      ? `  tool call: well-formed (${r.toolName}(${JSON.stringify(r.toolArguments)}))`
      : r.toolCall === 'malformed'
        ? `  tool call: MALFORMED (${r.toolName ?? '?'} with ${JSON.stringify(r.toolArguments ?? null)}): OpenClaw's agent cannot use it`
        : `  tool call: NONE — the model answered in text instead${r.text ? ` ("${r.text.slice(0, 80)}")` : ''}; OpenClaw's agent tools will not work with it`,
  );
  lines.push(contextLength !== undefined ? `  ran at ${contextLength.toLocaleString('en-US')} tokens of context` : '  context: the server does not say');
  return lines;
}

/** Exit 0 when the model answered with a well-formed tool call, 2 when it did not (or could not be reached). */
export async function modelTestCommand(io: CliIo, configFlag: string | undefined, json: boolean, ref: string | undefined): Promise<number> {
  if (!ref || !ref.includes('/')) throw new WarmclawError('usage', 'test needs a model reference: warmclaw test <provider/model>');
  const cfg = await openConfig({ env: io.env, flag: configFlag });
  const { doc } = await cfg.file.read();
  const r = await testConfiguredModel(doc, ref, io.env);
  if (json) io.out(JSON.stringify({ ok: true, data: r }));
  else for (const l of report(ref, r, r.contextLength)) io.out(escapeControls(l));
  return r.reachable && r.toolCall === 'well-formed' ? 0 : 2;
}
