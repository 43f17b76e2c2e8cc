/** Runs `fn` over `items`, at most `limit` at a time (default 2: each call is often a Node process, and the machine has two cores). */
export async function mapLimited<T, R>(items: readonly T[], fn: (t: T) => Promise<R>, limit = 2): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!);
      }
    }),
  );
  return out;
}
