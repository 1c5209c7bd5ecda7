/** True for MongoDB's duplicate-key error (11000), which FerretDB reports the same way. */
export function isDuplicateKey(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code === 11000;
}

/**
 * Runs an upsert, retrying once on a duplicate key: two concurrent upserts of the same key can
 * both try to insert, and the loser's retry then finds the winner's document and updates it.
 */
export async function upsertWithRetry<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    return write();
  }
}
