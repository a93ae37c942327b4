/** A unique index refused the write (MongoDB error 11000). */
export const isDuplicateKey = (err: unknown): boolean => (err as { code?: number }).code === 11000;

/**
 * Creates a record under a known id once. A turn that runs again (after a crash, or because an
 * agent's action came between it and its commit) creates its records again with the ids of its
 * first run: the record found under that id is returned instead, and nothing is written twice (no
 * second complaint number drawn, no second audit entry or alert). Without an id it just creates.
 */
export async function createOnce<D>(id: string | undefined, find: (id: string) => PromiseLike<D | null>, create: () => Promise<D>): Promise<D> {
  if (!id) return create();
  const first = await find(id);
  if (first) return first;
  try {
    return await create();
  } catch (err) {
    const raced = isDuplicateKey(err) ? await find(id) : null;
    if (raced) return raced;
    throw err;
  }
}
