import type { Middleware } from 'koa';
import type { Logger } from '../logger.js';

/** An error whose short code and status are meant for the client; anything else becomes a 500. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/**
 * Maps every thrown error to a short JSON body. Client errors keep their code; server errors are
 * logged once and answered with a generic body, so no stack trace or internal detail leaks.
 */
export function errorBoundary(log: Logger): Middleware {
  return async (ctx, next) => {
    try {
      await next();
    } catch (err) {
      if (err instanceof HttpError) {
        ctx.status = err.status;
        ctx.body = { error: err.code, message: err.message };
        return;
      }
      const status = (err as { status?: unknown }).status;
      const expose = (err as { expose?: unknown }).expose === true;
      if (typeof status === 'number' && status >= 400 && status < 500 && expose) {
        ctx.status = status;
        ctx.body = { error: 'bad_request', message: (err as Error).message };
        return;
      }
      // The route pattern, not the path: a path can be a draft link (a working token).
      const route = (ctx as unknown as { _matchedRoute?: string })._matchedRoute ?? 'unmatched';
      log.error({ err, route, method: ctx.method }, 'request failed');
      ctx.status = 500;
      ctx.body = { error: 'internal', message: 'internal error' };
    }
  };
}
