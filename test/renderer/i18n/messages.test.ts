// Every message the engine sends ({ code, params }, src/shared/messages.ts) in both languages: each
// code has a template in English (the shared catalog) and Vietnamese (the renderer's messages.json),
// every placeholder is a declared parameter and every parameter is said, the Vietnamese differs from
// the English and has no English sentence left in it, and the UI falls back to the engine's English
// for a code it does not know. Plus: the screens' own namespaces have the same keys in en and vi.
import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { english, isMessageCode, messageCatalog, messageCodes, msg, placeholders, type ParamKind, type WireMessage } from '../../../src/shared/messages';
import { messageSchema } from '../../../src/shared/message-schema';
import { messageTemplates, sayMessage } from '../../../src/renderer/src/i18n/messages';
import enCommon from '../../../src/renderer/src/i18n/locales/en/common.json';
import enDashboard from '../../../src/renderer/src/i18n/locales/en/dashboard.json';
import enProviders from '../../../src/renderer/src/i18n/locales/en/providers.json';
import enRouting from '../../../src/renderer/src/i18n/locales/en/routing.json';
import enSettings from '../../../src/renderer/src/i18n/locales/en/settings.json';
import viCommon from '../../../src/renderer/src/i18n/locales/vi/common.json';
import viDashboard from '../../../src/renderer/src/i18n/locales/vi/dashboard.json';
import viProviders from '../../../src/renderer/src/i18n/locales/vi/providers.json';
import viRouting from '../../../src/renderer/src/i18n/locales/vi/routing.json';
import viSettings from '../../../src/renderer/src/i18n/locales/vi/settings.json';

const vi = messageTemplates.vi;
const paramsOf = (code: string): Record<string, ParamKind> => (messageCatalog as Record<string, { params: Record<string, ParamKind> }>)[code]!.params;

/** A value of each kind that shows in the text (a nested message is a real one, so it is translated too). */
function sampleParams(code: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, kind] of Object.entries(paramsOf(code))) {
    out[name] =
      kind === 'number' ? 131072 : kind === 'value' ? 4096 : kind === 'date' ? '2026-01-02T03:04:05.000Z' : kind === 'message' ? msg('who.server') : kind === 'list' ? [msg('who.server'), 'plain'] : `X${name}X`;
  }
  return out;
}

// Words that only English sentences have (identifiers, quoted values and product names are removed first).
// Unicode-aware edges: JavaScript's \b would find "to" in "toàn".
const ENGLISH_WORDS = /(?<![\p{L}\p{N}_])(the|is|are|and|with|but|not|was|has|have|this|that|for|from|will|could|cannot|it|its|of|to|on|at|or|no|now)(?![\p{L}\p{N}_])/iu;
function withoutLiterals(text: string): string {
  return text
    .replace(/\{\{\s*\w+\s*\}\}/g, ' ')
    .replace(/"[^"]*"/g, ' ')
    .replace(/\bwarmclaw config [^.]*/g, ' ')
    .replace(/\b(LM Studio|My Models|Ollama|vLLM|LiteLLM|llama-server|llama\.cpp|OpenClaw|Warmclaw|OpenAI|HTTP \d+|Host|API|CLI|LAN|SSH|IPv6|engine|backend|workspace|endpoint|token|compaction|header)\b/g, ' ')
    .replace(/[A-Za-z_]+\.[A-Za-z_.]+|--?[a-z-]+|[A-Z_]{3,}|\b\w*[A-Z]\w*[A-Z]\w*\b/g, ' '); // models.mode, --ctx-size, OLLAMA_HOST, contextWindow
}

describe('engine messages in English and Vietnamese', () => {
  beforeAll(async () => {
    await i18next.init({ lng: 'en', resources: {} });
  });

  it('has at least one code, and Vietnamese knows no code the catalog lacks', () => {
    expect(messageCodes.length).toBeGreaterThan(50);
    expect(Object.keys(vi).filter((c) => !isMessageCode(c))).toEqual([]);
  });

  describe.each(messageCodes.map((c) => [c]))('%s', (code) => {
    const en = messageCatalog[code].en;
    const declared = Object.keys(paramsOf(code)).sort();

    it('has a non-empty template in both languages', () => {
      expect(en.trim()).not.toBe('');
      expect(vi[code]?.trim() ?? '', 'missing in locales/vi/messages.json').not.toBe('');
    });

    it('uses exactly its declared parameters in both languages', () => {
      expect([...new Set(placeholders(en))].sort()).toEqual(declared);
      expect([...new Set(placeholders(vi[code] ?? ''))].sort()).toEqual(declared);
    });

    it('is Vietnamese, not English, in the Vietnamese UI', () => {
      expect(vi[code]).not.toBe(en);
      expect(withoutLiterals(vi[code] ?? ''), vi[code]).not.toMatch(ENGLISH_WORDS);
    });

    it('renders fully in both languages, and the zod shape accepts exactly its parameters', () => {
      const m = { code, params: sampleParams(code) } as WireMessage;
      expect(messageSchema.safeParse(m).success).toBe(true);
      const inEn = sayMessage(m, 'fallback', 'en');
      const inVi = sayMessage(m, 'fallback', 'vi');
      for (const text of [inEn, inVi, english(m)]) {
        expect(text).not.toMatch(/\{\{|\}\}|undefined|\[object/);
      }
      expect(inVi).not.toBe(inEn);
      if (declared.length > 0) expect(messageSchema.safeParse({ code, params: {} }).success).toBe(false);
      expect(messageSchema.safeParse({ code, params: { ...m.params, extra: 'x' } }).success).toBe(false);
    });
  });

  it('formats numbers for the language and nests messages', () => {
    const m = msg('context.above-max', { ref: 'lmstudio/q', configured: 131072, max: 32768 });
    expect(sayMessage(m, '', 'en')).toBe('openclaw.json gives lmstudio/q a 131,072-token window, but the model supports at most 32,768.');
    expect(english(m)).toBe(sayMessage(m, '', 'en'));
    i18next.language = 'vi';
    expect(sayMessage(m, '', 'vi')).toBe('openclaw.json cho lmstudio/q cửa sổ 131.072 token, nhưng mô hình chỉ hỗ trợ tối đa 32.768.');
    i18next.language = 'en';
    const nested = msg('failover.to-hosted', { ref: 'lmstudio/q', seconds: 30, why: msg('failover.server-down') });
    expect(english(nested)).toBe('lmstudio/q has been unusable for 30 s: the local server is down');
    expect(sayMessage(nested, '', 'vi')).toBe('lmstudio/q không dùng được đã 30 giây: máy chủ cục bộ đang ngừng');
    // A server's own words nested in a message stay as they are.
    expect(sayMessage(msg('failover.to-hosted', { ref: 'a/b', seconds: 5, why: 'HTTP 500: boom' }), '', 'vi')).toBe('a/b không dùng được đã 5 giây: HTTP 500: boom');
  });

  it('falls back to the engine English for an unknown code or no message', () => {
    expect(sayMessage({ code: 'from-a-newer-engine', params: {} }, 'The English text', 'vi')).toBe('The English text');
    expect(sayMessage(undefined, 'The English text', 'vi')).toBe('The English text');
    expect(messageSchema.safeParse({ code: 'from-a-newer-engine', params: {} }).success).toBe(false);
  });
});

describe('screen namespaces', () => {
  const keys = (o: unknown, prefix = ''): string[] =>
    typeof o === 'object' && o !== null ? Object.entries(o).flatMap(([k, v]) => keys(v, `${prefix}${k}.`)) : [prefix.slice(0, -1)];
  // i18next plural suffixes differ by language (English has _one, Vietnamese only _other).
  const base = (k: string) => k.replace(/_(zero|one|two|few|many|other)$/, '');

  // The same files src/renderer/src/i18n/index.ts loads (that module needs a DOM).
  const namespaces: [string, unknown, unknown][] = [
    ['common', enCommon, viCommon],
    ['dashboard', enDashboard, viDashboard],
    ['providers', enProviders, viProviders],
    ['routing', enRouting, viRouting],
    ['settings', enSettings, viSettings],
  ];
  it.each(namespaces)('%s has the same keys in en and vi', (_ns, enRes, viRes) => {
    const en = new Set(keys(enRes).map(base));
    const vi = new Set(keys(viRes).map(base));
    expect([...en].filter((k) => !vi.has(k)), 'missing in vi').toEqual([]);
    expect([...vi].filter((k) => !en.has(k)), 'only in vi').toEqual([]);
  });
});
