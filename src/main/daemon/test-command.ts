// `warmclaw test <provider/model>`: the agent-style check of one configured model (one streamed chat
// offering one tool) and the context it ran at. Changes nothing in openclaw.json or the routing.
import { providerApis, type ProviderApi } from '../../shared/openclaw-constants';
import { WarmclawError } from '../core/errors';
import { testModel, type ModelTestResult } from '../core/model-test/tool-call-test';
import { lookOnce } from '../core/monitor/look-once';
import { readProviders, splitRef } from '../core/openclaw/config-model';
import { openConfig } from '../core/openclaw/open-config';
import { resolveEnvRef } from '../core/service';
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
  const { provider, model } = splitRef(ref);
  const p = readProviders(doc).find((x) => x.id === provider);
  if (!p) throw new WarmclawError('not-found', `There is no provider "${provider}" under models.providers.`);
  if (!p.baseUrl) throw new WarmclawError('invalid-input', `Provider "${provider}" has no baseUrl to test.`);
  const api: ProviderApi = (providerApis as readonly string[]).includes(p.api ?? '') ? (p.api as ProviderApi) : 'openai-responses';
  const apiKey = resolveEnvRef(p.raw.apiKey, io.env);
  const result = await testModel({ baseUrl: p.baseUrl, api, apiKey, model });
  // The context it ran at: what the server reports for the now-loaded model.
  const status = result.reachable ? await lookOnce(p.baseUrl, { apiKey }).catch(() => undefined) : undefined;
  const contextLength = status?.models.find((m) => m.id === model)?.loadedContext;
  if (json) io.out(JSON.stringify({ ok: true, data: { ref, ...result, ...(contextLength !== undefined && { contextLength }) } }));
  else for (const l of report(ref, result, contextLength)) io.out(escapeControls(l));
  return result.reachable && result.toolCall === 'well-formed' ? 0 : 2;
}
