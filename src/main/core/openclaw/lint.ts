// Lint: advice from OpenClaw's local-models guide turned into warnings. Never blocks a write; each
// warning says why, and carries a one-click fix where the fix is obvious.
import type { ConfigWarning } from '../../../shared/config-edits';
import { GUIDE_MIN_CONTEXT, OPENCLAW_MIN_CONTEXT } from '../../../shared/openclaw-schema';
import {
  PATHS,
  hostOf,
  isLocalProvider,
  isLocalRef,
  isLoopbackHost,
  isPlainObject,
  readProviders,
  readRouting,
  splitRef,
} from './config-model';
import { getAt, type Json5Document } from './json5-document';
import { BUILT_IN_PROVIDERS, closestNames, declaredRefs } from './model-refs';

/** Facts a server reported about a model (filled in by the monitor), keyed by `provider/model`. */
export type ServerFacts = Map<string, { maxContext?: number; loadedContext?: number }>;

// A parameter count of 8B or less, or a 1–3 bit quant, in the id. The guide: prefer the largest full
// variant; small or heavily compressed checkpoints are easier to prompt-inject.
const SMALL_PARAMS = /(?:^|[^a-z0-9.])(?:0?\.\d+|[1-8](?:\.\d+)?)b(?![a-z0-9])/i;
const HEAVY_QUANT = /(?:^|[^a-z0-9])(?:i?q[1-3](?:_[a-z0-9]+)*|[123]bit|[123]-bit)(?![a-z0-9])/i;

/** The display path of one declared model, as every warning about it names it. */
export function modelPath(providerId: string, index: number): string {
  return `models.providers.${providerId}.models[${index}]`;
}

/** Returns the guide-driven warnings for a document; `facts` adds server-reported limits. */
export function lintConfig(doc: Json5Document, facts: ServerFacts = new Map()): ConfigWarning[] {
  const out: ConfigWarning[] = [];
  const providers = readProviders(doc);
  const routing = readRouting(doc);

  for (const p of providers) {
    const url = p.baseUrl;
    const host = url ? hostOf(url) : undefined;
    const looksOllama = p.api === 'ollama' || p.id.toLowerCase().includes('ollama') || (url ?? '').includes(':11434');
    if (url && looksOllama && /\/v1\/?$/.test(url)) {
      out.push({
        code: 'ollama-v1',
        severity: 'warning',
        path: `models.providers.${p.id}.baseUrl`,
        message: `${p.id}: Ollama's /v1 endpoint breaks tool calling in OpenClaw. Use the native URL without /v1 and api "ollama".`,
        fix: { label: 'Use the native Ollama API', command: { type: 'set-base-url', input: { provider: p.id, baseUrl: url.replace(/\/v1\/?$/, ''), api: 'ollama' } } },
      });
    }
    if (url && host === 'localhost') {
      out.push({
        code: 'localhost',
        severity: 'warning',
        path: `models.providers.${p.id}.baseUrl`,
        message: `${p.id}: "localhost" may resolve to ::1 (IPv6) while the server listens on 127.0.0.1 only; use 127.0.0.1.`,
        fix: { label: 'Use 127.0.0.1', command: { type: 'set-base-url', input: { provider: p.id, baseUrl: url.replace('//localhost', '//127.0.0.1') } } },
      });
    }
    if (url && host && isLocalProvider(p) && url.startsWith('http://') && !isLoopbackHost(host)) {
      out.push({
        code: 'plain-http-remote',
        severity: 'warning',
        path: `models.providers.${p.id}.baseUrl`,
        message: `${p.id}: prompts and the API key travel unencrypted over http:// to ${host}. Use https, an SSH tunnel, or a loopback-only server.`,
      });
    }
    p.models.forEach((m) => {
      const at = modelPath(p.id, m.index);
      if (isLocalProvider(p) && (SMALL_PARAMS.test(m.id) || HEAVY_QUANT.test(m.id))) {
        out.push({
          code: 'small-model',
          severity: 'info',
          path: at,
          message: `${p.id}/${m.id} looks small or heavily quantized. The guide advises the largest full variant your hardware runs: small or compressed checkpoints follow injected instructions more easily.`,
        });
      }
      const fact = facts.get(`${p.id}/${m.id}`);
      const limit = fact?.loadedContext ?? fact?.maxContext;
      if (m.contextWindow !== undefined && limit !== undefined && m.contextWindow > limit) {
        out.push({
          code: 'context-above-server',
          severity: 'warning',
          path: `${at}.contextWindow`,
          message: `${p.id}/${m.id}: contextWindow ${m.contextWindow} is larger than the ${limit} tokens the server ${fact?.loadedContext !== undefined ? 'loaded' : 'supports'}; long sessions will fail instead of compacting.`,
          fix: { label: `Use ${limit}`, command: { type: 'set-limits', input: { ref: `${p.id}/${m.id}`, contextWindow: limit } } },
        });
      }
      if (m.contextWindow !== undefined && m.contextWindow < GUIDE_MIN_CONTEXT) {
        out.push({
          code: m.contextWindow < OPENCLAW_MIN_CONTEXT ? 'context-below-minimum' : 'context-small',
          severity: 'warning',
          path: `${at}.contextWindow`,
          message:
            m.contextWindow < OPENCLAW_MIN_CONTEXT
              ? `${p.id}/${m.id}: contextWindow ${m.contextWindow} is below OpenClaw's minimum of ${OPENCLAW_MIN_CONTEXT}; OpenClaw will refuse to run it.`
              : `${p.id}/${m.id}: contextWindow ${m.contextWindow} is small for an agent (the guide advises at least ${GUIDE_MIN_CONTEXT}).`,
        });
      }
      if (m.contextWindow !== undefined && m.maxTokens !== undefined && m.maxTokens >= m.contextWindow) {
        out.push({ code: 'max-tokens-too-large', severity: 'warning', path: `${at}.maxTokens`, message: `${p.id}/${m.id}: maxTokens (${m.maxTokens}) must be smaller than contextWindow (${m.contextWindow}).` });
      }
    });
  }

  const declared = new Map(providers.map((p) => [p.id, p]));
  const mode = getAt(doc, PATHS.mode);
  const refs = [
    ...(routing.primary ? [{ ref: routing.primary, path: 'agents.defaults.model.primary' }] : []),
    ...routing.fallbacks.map((ref, i) => ({ ref, path: `agents.defaults.model.fallbacks[${i}]` })),
  ];
  let hostedInRouting = false;
  for (const { ref, path } of refs) {
    const { provider, model } = splitRef(ref);
    const p = declared.get(provider);
    if (p) {
      if (p.models.length > 0 && !p.models.some((m) => m.id === model)) {
        out.push({ code: 'unknown-model', severity: 'warning', path, message: `${ref}: provider "${provider}" declares no model "${model}".` });
      }
    } else if (!BUILT_IN_PROVIDERS.has(provider)) {
      const near = closestNames(ref, declaredRefs(doc));
      const hint = near.length ? ` Did you mean ${near.join(' or ')}?` : '';
      out.push({ code: 'unknown-provider', severity: 'warning', path, message: `${ref}: no provider "${provider}" is declared in models.providers, and it is not one of OpenClaw's built-in providers.${hint}` });
    } else {
      hostedInRouting = true;
    }
  }
  if (hostedInRouting && (mode === undefined || mode === 'replace')) {
    out.push({
      code: mode === 'replace' ? 'mode-replace' : 'mode-missing',
      severity: 'warning',
      path: 'models.mode',
      message:
        mode === 'replace'
          ? 'models.mode is "replace" but the routing names hosted models: with "replace" only the providers in this file exist, so those fallbacks cannot work.'
          : 'models.mode is not set while the routing names hosted models; set it to "merge" so the hosted catalog stays available next to your local providers.',
      fix: { label: 'Set models.mode to "merge"', command: { type: 'set-mode', input: { mode: 'merge' } } },
    });
  }

  if (isLocalRef(providers, routing.primary)) {
    const compaction = getAt(doc, PATHS.compaction);
    const mode = isPlainObject(compaction) ? compaction.mode : undefined;
    if (mode === undefined || mode === 'off' || mode === 'none') {
      out.push({
        code: 'compaction-off',
        severity: 'warning',
        path: 'agents.defaults.compaction',
        message: 'The primary model is local but compaction is not turned on. The guide: keep agents narrow and enable compaction, so long sessions fit the local context window.',
        fix: { label: 'Enable safeguard compaction', command: { type: 'enable-compaction', input: {} } },
      });
    }
  }
  return out;
}

/**
 * The warnings an edit adds: those of `after` that `before` did not have. Compared by code and
 * message, not path: an edit that moves a fallback shifts the index in every later warning's path.
 * A document lint cannot read (a wrong type somewhere) adds nothing here; the edit reports that itself.
 */
export function addedWarnings(before: Json5Document, after: Json5Document): ConfigWarning[] {
  const key = (w: ConfigWarning) => `${w.code}\u0000${w.message}`;
  try {
    const old = new Set(lintConfig(before).map(key));
    return lintConfig(after).filter((w) => !old.has(key(w)));
  } catch {
    return [];
  }
}
