// Lint: advice from OpenClaw's local-models guide turned into warnings. Never blocks a write; each
// warning says why, and carries a one-click fix where the fix is obvious.
import type { ConfigWarning } from '../../../shared/config-edits';
import { labelled, msg, said } from '../../../shared/messages';
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
import { COLD_LOAD_TIMEOUT_SECONDS, SUGGESTED_KEEP_ALIVE, openclawIdleStopMs } from './provider-options';
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
        ...said(msg('lint.ollama-v1', { provider: p.id })),
        fix: { ...labelled(msg('fix.native-ollama')), command: { type: 'set-base-url', input: { provider: p.id, baseUrl: url.replace(/\/v1\/?$/, ''), api: 'ollama' } } },
      });
    }
    if (url && host === 'localhost') {
      out.push({
        code: 'localhost',
        severity: 'warning',
        path: `models.providers.${p.id}.baseUrl`,
        ...said(msg('lint.localhost', { provider: p.id })),
        fix: { ...labelled(msg('fix.use-loopback-ip')), command: { type: 'set-base-url', input: { provider: p.id, baseUrl: url.replace('//localhost', '//127.0.0.1') } } },
      });
    }
    if (url && host && isLocalProvider(p) && url.startsWith('http://') && !isLoopbackHost(host)) {
      out.push({
        code: 'plain-http-remote',
        severity: 'warning',
        path: `models.providers.${p.id}.baseUrl`,
        ...said(msg('lint.plain-http-remote', { provider: p.id, host })),
      });
    }
    if (isLocalProvider(p) && p.raw.timeoutSeconds === undefined) {
      // Ollama's native API reads params.keep_alive; other runtimes would ignore it, so it is only
      // suggested there, and never over a value the user chose.
      const params = isPlainObject(p.raw.params) ? p.raw.params : {};
      const keepAlive = p.api === 'ollama' && params.keep_alive === undefined ? SUGGESTED_KEEP_ALIVE : undefined;
      out.push({
        code: 'no-cold-load-timeout',
        severity: 'warning',
        path: `models.providers.${p.id}.timeoutSeconds`,
        ...said(msg('lint.no-cold-load-timeout', { provider: p.id })),
        fix: {
          ...labelled(keepAlive ? msg('fix.cold-load-timeout-keep-alive', { seconds: COLD_LOAD_TIMEOUT_SECONDS, keepAlive }) : msg('fix.cold-load-timeout', { seconds: COLD_LOAD_TIMEOUT_SECONDS })),
          command: { type: 'set-provider-options', input: { provider: p.id, timeoutSeconds: COLD_LOAD_TIMEOUT_SECONDS, ...(keepAlive ? { keepAlive } : {}) } },
        },
      });
    }
    const idleStop = openclawIdleStopMs(p.raw);
    if (idleStop !== undefined) {
      out.push({ code: 'idle-stop-not-kept-warm', severity: 'info', path: `models.providers.${p.id}.localService.idleStopMs`, ...said(msg('lint.idle-stop-not-kept-warm', { provider: p.id, idleStopMs: idleStop })) });
    }
    p.models.forEach((m) => {
      const at = modelPath(p.id, m.index);
      if (isLocalProvider(p) && (SMALL_PARAMS.test(m.id) || HEAVY_QUANT.test(m.id))) {
        out.push({
          code: 'small-model',
          severity: 'info',
          path: at,
          ...said(msg('lint.small-model', { ref: `${p.id}/${m.id}` })),
        });
      }
      const fact = facts.get(`${p.id}/${m.id}`);
      const limit = fact?.loadedContext ?? fact?.maxContext;
      if (m.contextWindow !== undefined && limit !== undefined && m.contextWindow > limit) {
        out.push({
          code: 'context-above-server',
          severity: 'warning',
          path: `${at}.contextWindow`,
          ...said(msg(fact?.loadedContext !== undefined ? 'lint.context-above-server-loaded' : 'lint.context-above-server-supports', { ref: `${p.id}/${m.id}`, configured: m.contextWindow, limit })),
          fix: { ...labelled(msg('fix.use-limit', { limit })), command: { type: 'set-limits', input: { ref: `${p.id}/${m.id}`, contextWindow: limit } } },
        });
      }
      if (m.contextWindow !== undefined && m.contextWindow < GUIDE_MIN_CONTEXT) {
        out.push({
          code: m.contextWindow < OPENCLAW_MIN_CONTEXT ? 'context-below-minimum' : 'context-small',
          severity: 'warning',
          path: `${at}.contextWindow`,
          ...said(
            m.contextWindow < OPENCLAW_MIN_CONTEXT
              ? msg('lint.context-below-minimum', { ref: `${p.id}/${m.id}`, configured: m.contextWindow, min: OPENCLAW_MIN_CONTEXT })
              : msg('lint.context-small', { ref: `${p.id}/${m.id}`, configured: m.contextWindow, guide: GUIDE_MIN_CONTEXT }),
          ),
        });
      }
      if (m.contextWindow !== undefined && m.maxTokens !== undefined && m.maxTokens >= m.contextWindow) {
        out.push({ code: 'max-tokens-too-large', severity: 'warning', path: `${at}.maxTokens`, ...said(msg('lint.max-tokens-too-large', { ref: `${p.id}/${m.id}`, maxTokens: m.maxTokens, configured: m.contextWindow })) });
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
        out.push({ code: 'unknown-model', severity: 'warning', path, ...said(msg('lint.unknown-model', { ref, provider, model })) });
      }
    } else if (!BUILT_IN_PROVIDERS.has(provider)) {
      const near = closestNames(ref, declaredRefs(doc));
      out.push({ code: 'unknown-provider', severity: 'warning', path, ...said(near.length ? msg('lint.unknown-provider-suggest', { ref, provider, suggestions: near.join(' or ') }) : msg('lint.unknown-provider', { ref, provider })) });
    } else {
      hostedInRouting = true;
    }
  }
  if (hostedInRouting && (mode === undefined || mode === 'replace')) {
    out.push({
      code: mode === 'replace' ? 'mode-replace' : 'mode-missing',
      severity: 'warning',
      path: 'models.mode',
      ...said(msg(mode === 'replace' ? 'lint.mode-replace' : 'lint.mode-missing')),
      fix: { ...labelled(msg('fix.set-mode-merge')), command: { type: 'set-mode', input: { mode: 'merge' } } },
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
        ...said(msg('lint.compaction-off')),
        fix: { ...labelled(msg('fix.enable-compaction')), command: { type: 'enable-compaction', input: {} } },
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
