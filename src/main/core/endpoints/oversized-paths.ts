// Remembers which GET URLs answered with more than the size cap, so the next reads of them stop early.
// Why: a broken or hostile server that streams megabytes on every path cost the full cap (2 MB of
// native buffers, invisible in the V8 heap) on every poll; with 20 of them the daemon's RSS grew by
// ~80 MB (`npm run bench -- hostile`). Such an answer is refused anyway, so reading 64 KB of it proves
// the same thing. The memory expires, and any answer that fits clears it, so a server that shrinks its
// answer (a restart with fewer models) is read in full again.

/** The cap for a URL that last answered above the size cap: enough for any real model server's status. */
export const OVERSIZED_RECHECK_BYTES = 64 * 1024;
/** How long a URL stays marked after its last oversized answer. */
export const OVERSIZED_MEMORY_MS = 10 * 60_000;
/** Marked URLs kept at most (oldest dropped first): bounded whatever a scan or a config names. */
const MAX_MARKED = 512;

export class OversizedPaths {
  private readonly marked = new Map<string, number>();

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** The cap for this URL: `cap`, lowered while it is marked. */
  capFor(url: string, cap: number): number {
    const until = this.marked.get(url);
    if (until === undefined) return cap;
    if (until <= this.now()) {
      this.marked.delete(url);
      return cap;
    }
    return Math.min(cap, OVERSIZED_RECHECK_BYTES);
  }

  /** Records how a read of this URL ended. */
  record(url: string, oversized: boolean): void {
    this.marked.delete(url); // re-inserted last: Map order is the eviction order
    if (!oversized) return;
    this.marked.set(url, this.now() + OVERSIZED_MEMORY_MS);
    if (this.marked.size > MAX_MARKED) this.marked.delete(this.marked.keys().next().value!);
  }

  get size(): number {
    return this.marked.size;
  }
}
