// One configured model's tool-call test, shared by `warmclaw test` and the `model.test` command: finds
// the provider in openclaw.json, sends the test in its API with its key, then asks the server at which
// context the model now runs. Reads the config; writes nothing, touches no routing.
import { providerApis, type ProviderApi } from '../../../shared/openclaw-constants';
import { WarmclawError } from '../errors';
import { lookOnce } from '../monitor/look-once';
import { readProviders, splitRef } from '../openclaw/config-model';
import type { Json5Document } from '../openclaw/json5-document';
import { resolveEnvRef } from '../service';
import { testModel, type ModelTestResult } from './tool-call-test';

export type ConfiguredModelTest = ModelTestResult & { ref: string; contextLength?: number };

/** Tests `ref` (provider/model) as openclaw.json configures it; throws not-found / invalid-input for refs it cannot test. */
export async function testConfiguredModel(doc: Json5Document, ref: string, env: NodeJS.ProcessEnv): Promise<ConfiguredModelTest> {
  const { provider, model } = splitRef(ref);
  const p = readProviders(doc).find((x) => x.id === provider);
  if (!p) throw new WarmclawError('not-found', `There is no provider "${provider}" under models.providers.`);
  if (!p.baseUrl) throw new WarmclawError('invalid-input', `Provider "${provider}" has no baseUrl to test.`);
  const api: ProviderApi = (providerApis as readonly string[]).includes(p.api ?? '') ? (p.api as ProviderApi) : 'openai-responses';
  const apiKey = resolveEnvRef(p.raw.apiKey, env);
  const result = await testModel({ baseUrl: p.baseUrl, api, apiKey, model });
  // The context it ran at: what the server reports for the now-loaded model.
  const status = result.reachable ? await lookOnce(p.baseUrl, { apiKey }).catch(() => undefined) : undefined;
  const contextLength = status?.models.find((m) => m.id === model)?.loadedContext;
  return { ref, ...result, ...(contextLength !== undefined && { contextLength }) };
}
