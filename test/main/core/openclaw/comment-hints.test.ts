// The diff dialog points out hand-written comments beside changed values: "use local first" keeps
// `// hosted primary` (lossless), and the preview says it sits next to the new local primary.
import { describe, expect, it } from 'vitest';
import { commentOn, commentsNearChanges } from '../../../../src/main/core/openclaw/comment-hints';
import { runEdit } from '../../../../src/main/core/openclaw/edits';
import { parseDocument } from '../../../../src/main/core/openclaw/json5-document';

describe('comment hints', () => {
  it('finds comments, not URLs in strings', () => {
    expect(commentOn('  baseUrl: "http://127.0.0.1:1234/v1", // LM Studio')).toBe('// LM Studio');
    expect(commentOn("  url: 'http://x/*y*/z',")).toBeUndefined();
    expect(commentOn('  /* block */ a: 1,')).toBe('/* block */ a: 1,');
  });

  it('"use local first": the comment stays, and the preview points at it', () => {
    const before = `{
  models: { providers: { ollama: { baseUrl: "http://127.0.0.1:11434", api: "ollama", models: [{ id: "qwen3:8b", name: "q" }] } } },
  agents: {
    defaults: {
      // hosted primary
      model: "anthropic/claude-sonnet-4-6",
    },
  },
}
`;
    const r = runEdit(parseDocument(before), { type: 'local-first-on', input: { localRef: 'ollama/qwen3:8b' } });
    expect(r.text).toContain('// hosted primary');
    const hints = commentsNearChanges(before, r.text);
    expect(hints).toEqual([{ line: r.text.split('\n').findIndex((l) => l.includes('// hosted primary')) + 1, comment: '// hosted primary' }]);
  });

  it('a trailing comment on a changed line, and none when comments are far from the change', () => {
    const before = '{\n  // far away\n  a: 1,\n  b: 2,\n  c: 3,\n  d: 4, // about d\n}\n';
    const after = before.replace('d: 4', 'd: 5');
    expect(commentsNearChanges(before, after)).toEqual([{ line: 6, comment: '// about d' }]);
    expect(commentsNearChanges(before, before)).toEqual([]);
  });
});
