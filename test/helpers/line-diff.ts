import { diffLines } from 'diff';

export interface LineChanges {
  removed: string[];
  added: string[];
}

/** Lines removed from `before` and added in `after` (line endings included, so CRLF damage shows). */
export function lineChanges(before: string, after: string): LineChanges {
  const out: LineChanges = { removed: [], added: [] };
  for (const part of diffLines(before, after)) {
    const lines = part.value.split(/(?<=\n)/).filter((l) => l.length > 0);
    if (part.removed) out.removed.push(...lines);
    else if (part.added) out.added.push(...lines);
  }
  return out;
}

/** True when `after` is `before` with one comma inserted (the only change an append makes to a sibling line). */
export function isCommaAdded(before: string, after: string): boolean {
  if (after.length !== before.length + 1) return false;
  for (let i = 0; i < after.length; i++) {
    if (after[i] !== before[i]) return after[i] === ',' && after.slice(i + 1) === before.slice(i);
  }
  return false;
}

/**
 * True when `after` is `before` with text inserted at one point and nothing else changed (a member
 * appended inside a one-line object keeps the rest of that line intact).
 */
export function isPureInsertion(before: string, after: string): boolean {
  if (after.length <= before.length) return false;
  let p = 0;
  while (p < before.length && before[p] === after[p]) p++;
  return after.endsWith(before.slice(p));
}

/**
 * Asserts the edit's footprint: every removed line is re-added with only an insertion (a comma, or a
 * member appended inside a one-line container), or matches `mayChange` (the lines of the value being
 * edited). Combined with an exact check of the parsed result this pins edits to their region.
 */
export function assertFootprint(before: string, after: string, mayChange: (line: string) => boolean): LineChanges {
  const ch = lineChanges(before, after);
  const added = [...ch.added];
  for (const r of ch.removed) {
    const commaIdx = added.findIndex((a) => isCommaAdded(r, a) || isPureInsertion(r, a));
    if (commaIdx >= 0) {
      added.splice(commaIdx, 1);
      continue;
    }
    if (!mayChange(r)) throw new Error(`edit changed an unrelated line: ${JSON.stringify(r)}\n--- after diff:\n${JSON.stringify(ch, null, 1)}`);
  }
  return ch;
}
