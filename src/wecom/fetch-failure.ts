/** Whether a fetch failed by its own timeout (AbortSignal.timeout) or an abort. */
export function isTimeout(err: unknown): boolean {
  return err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
}

/** `ECONNREFUSED`, `ECONNRESET`, ...: undici hides the system code in `cause`. No URL in here. */
export function connectionDetail(err: unknown): string {
  let current: unknown = err;
  for (let depth = 0; depth < 4 && current; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return err instanceof Error ? err.name : 'unknown';
}

/** Why a fetch failed, in a word for logs and typed errors: `timeout` or the connection's code. */
export function fetchFailureDetail(err: unknown): string {
  return isTimeout(err) ? 'timeout' : connectionDetail(err);
}
