// Remembers which GET URLs answered with more than the size cap, so the next reads of them stop early.
// Why: a broken or hostile server that streams megabytes on every path cost the full cap (2 MB of
// native buffers, invisible in the V8 heap) on every poll; with 20 of them the daemon's RSS grew by
// ~80 MB (`npm run bench -- hostile`). Such an answer is refused anyway, so reading 64 KB of it proves
// the same thing. The memory expires, and any answer that fits clears it, so a server that shrinks its
// answer (a restart with fewer models) is read in full again. A server that sent one oversized answer
// gets a lower cap on its other paths too (OVERSIZED_SIBLING_BYTES): identification reads five or six
// paths per server, and each first read cost the full cap.

/** The cap for a URL that last answered above the size cap: enough for any real model server's status. */
export const OVERSIZED_RECHECK_BYTES = 64 * 1024;
/** The cap for other paths of a server that sent an oversized answer: still ample for a status body. */
export const OVERSIZED_SIBLING_BYTES = 128 * 1024;
/** How long a URL stays marked after its last oversized answer. */
export const OVERSIZED_MEMORY_MS = 10 * 60_000;
/** Marked URLs kept at most (oldest dropped first): bounded whatever a scan or a config names. */
const MAX_MARKED = 512;

export class OversizedPaths {
  /** URL (or origin, prefixed "origin ") → when its mark expires. Map order is the eviction order. */
  private readonly marked = new Map<string, number>();

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** The cap for this URL of this origin: `cap`, lowered while the URL or its origin is marked. */
  capFor(url: string, cap: number, origin?: string): number {
    if (this.live(url)) return Math.min(cap, OVERSIZED_RECHECK_BYTES);
    if (origin !== undefined && this.live(`origin ${origin}`)) return Math.min(cap, OVERSIZED_SIBLING_BYTES);
    return cap;
  }

  /** Records how a read of this URL ended; an oversized one marks the URL and its origin. */
  record(url: string, oversized: boolean, origin?: string): void {
    this.marked.delete(url);
    if (!oversized) return;
    this.mark(url);
    if (origin !== undefined) this.mark(`origin ${origin}`);
  }

  get size(): number {
    return this.marked.size;
  }

  private mark(key: string): void {
    this.marked.delete(key); // re-inserted last
    this.marked.set(key, this.now() + OVERSIZED_MEMORY_MS);
    if (this.marked.size > MAX_MARKED) this.marked.delete(this.marked.keys().next().value!);
  }

  private live(key: string): boolean {
    const until = this.marked.get(key);
    if (until === undefined) return false;
    if (until > this.now()) return true;
    this.marked.delete(key);
    return false;
  }
}
