// Faithful loopback simulators of the local LLM servers Warmclaw watches (LM Studio, Ollama, vLLM,
// llama.cpp, LiteLLM, llama-swap, generic OpenAI-compatible). Bodies come from test/fixtures/servers; model
// state (JIT loads, idle TTLs, keep_alive, sleep) follows each server's NOTES.md. Time runs on a
// Clock, so a ManualClock turns hours of TTL into an advance() call.
import type { BaseSim } from './core';
import { GenericSim } from './generic';
import { LiteLlmSim } from './litellm';
import { LlamaCppSim } from './llamacpp';
import { LlamaSwapSim } from './llamaswap';
import { LmStudioSim } from './lmstudio';
import { OllamaSim } from './ollama';
import type { SimKind, SimOptions, Simulator } from './types';
import { VllmSim } from './vllm';

export type {
  FailureMode,
  SimKind,
  SimLoadedModel,
  SimModel,
  SimOptions,
  SimStats,
  Simulator,
  UserRequestOptions,
} from './types';
export { serverFixturesDir } from './fixtures';
export { HUGE_BODY_BYTES } from './core';
export { ESCAPES_AFTER, ESCAPES_BEFORE } from './hostile';

export const SIM_KINDS: readonly SimKind[] = ['lmstudio', 'ollama', 'vllm', 'llamacpp', 'litellm', 'llamaswap', 'openai-compatible'];

/** The port each server uses by default (llama.cpp: 8080 today, 9931 announced). */
export const DEFAULT_PORTS: Record<SimKind, number> = {
  lmstudio: 1234,
  ollama: 11434,
  vllm: 8000,
  llamacpp: 8080,
  litellm: 4000,
  // llama-swap's own default is :8080 too (llama-swap.go); the simulator moves aside so `npm run sim` can run both.
  llamaswap: 8081,
  'openai-compatible': 8001,
};

/** Starts a simulator on 127.0.0.1 (random port unless opts.port). Resolves once it is ready (see SimOptions.waitUntilReady). */
export async function startSimulator(kind: SimKind, opts: SimOptions = {}): Promise<Simulator> {
  let sim: BaseSim;
  switch (kind) {
    case 'lmstudio':
      sim = new LmStudioSim(opts);
      break;
    case 'ollama':
      sim = new OllamaSim(opts);
      break;
    case 'vllm':
      sim = new VllmSim(opts);
      break;
    case 'llamacpp':
      sim = new LlamaCppSim(opts);
      break;
    case 'litellm':
      sim = new LiteLlmSim(opts);
      break;
    case 'llamaswap':
      sim = new LlamaSwapSim(opts);
      break;
    case 'openai-compatible':
      sim = new GenericSim(opts);
      break;
    default:
      throw new Error(`unknown simulator kind: ${String(kind)}`);
  }
  try {
    await sim.init();
  } catch (e) {
    await sim.close();
    throw e;
  }
  return sim;
}
