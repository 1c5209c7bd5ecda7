/**
 * "The database or Redis is not there right now": connection refused or reset, no server to
 * select, a client closed while reconnecting. Such a failure says nothing about the request;
 * the same work can run again once the store is back (every write is idempotent by its key).
 */
export class StoreUnavailableError extends Error {
  constructor(cause: unknown) {
    super('a store is unavailable', { cause });
    this.name = 'StoreUnavailableError';
  }
}

const MONGO_UNAVAILABLE = new Set([
  'MongoServerSelectionError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoNotConnectedError',
  'MongoPoolClearedError',
  'MongoTopologyClosedError',
  'MongoServerClosedError',
]);

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOENT',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTCONN',
  'ECONNABORTED',
]);

/** True for failures that mean a store is unreachable, looking through `cause` chains. */
export function isStoreUnavailable(err: unknown): boolean {
  let current: unknown = err;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    if (current instanceof StoreUnavailableError) return true;
    if (MONGO_UNAVAILABLE.has(current.name)) return true;
    // Mongo marks transient network failures with labels.
    const labels = (current as { errorLabelSet?: Set<string> }).errorLabelSet;
    if (labels?.has('ResetPool') || labels?.has('RetryableWriteError')) return true;
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK_CODES.has(code)) return true;
    // ioredis: a command given up on while disconnected, or a closed connection.
    if (current.name === 'MaxRetriesPerRequestError') return true;
    if (
      /^(Connection is closed|Stream isn't writeable|Connection lost)|buffering timed out|LOADING /i.test(
        current.message,
      )
    ) {
      return true;
    }
    current = current.cause;
  }
  return false;
}
