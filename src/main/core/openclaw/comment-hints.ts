// Comments a change sits next to. The edit keeps every hand-written comment (lossless), but a comment
// such as `// hosted primary` may no longer be true once "use local first" puts a local model there:
// the diff dialog points these out so the user can fix the words by hand.
import { structuredPatch } from 'diff';

export interface CommentHint {
  /** 1-based line in the file after the change. */
  line: number;
  /** The comment, as written (trimmed, bounded). */
  comment: string;
}

const MAX_HINTS = 10;
const MAX_COMMENT = 160;

/** The comment on a line, ignoring `//` and `/*` inside quoted strings (URLs). */
export function commentOn(line: string): string | undefined {
  const bare = line.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, (s) => ' '.repeat(s.length));
  const at = [bare.indexOf('//'), bare.indexOf('/*')].filter((i) => i >= 0);
  if (!at.length) return undefined;
  const text = line.slice(Math.min(...at)).trim();
  return text.length > MAX_COMMENT ? `${text.slice(0, MAX_COMMENT - 1)}…` : text;
}

/** Comments on changed lines, and comment-only lines right above a change, in the new text. */
export function commentsNearChanges(before: string, after: string): CommentHint[] {
  if (before === after) return [];
  const hints = new Map<number, string>();
  for (const hunk of structuredPatch('a', 'b', before, after, '', '', { context: 1 }).hunks) {
    let line = hunk.newStart; // new-text line of the next ' ' or '+' entry
    let prevContext: { line: number; text: string } | undefined;
    for (const raw of hunk.lines) {
      const kind = raw[0];
      const text = raw.slice(1);
      if (kind === '\\') continue; // "\ No newline at end of file"
      if (kind === '-' || kind === '+') {
        // The comment-only line just above a change describes it.
        if (prevContext && /^\s*(\/\/|\/\*)/.test(prevContext.text)) hints.set(prevContext.line, commentOn(prevContext.text)!);
        prevContext = undefined;
      }
      if (kind === '+') {
        const c = commentOn(text);
        if (c) hints.set(line, c);
      }
      if (kind === ' ') prevContext = { line, text };
      if (kind !== '-') line++;
    }
  }
  return [...hints].sort((a, b) => a[0] - b[0]).slice(0, MAX_HINTS).map(([line, comment]) => ({ line, comment }));
}
