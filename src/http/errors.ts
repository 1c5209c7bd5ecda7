import createHttpError from 'http-errors';
import type { Middleware } from 'koa';
import type { Logger } from '../logger.js';

/**
 * Maps every thrown error to a short JSON body. The one HTTP error type is Koa's own
 * (`http-errors`, `ctx.throw`): a client error (4xx, exposed) is answered with its `code` (given as
 * a property, e.g. `createHttpError(401, 'signature does not match', { code: 'bad_signature' })`;
 * `bad_request` when none) and its message; anything else is logged once and answered with a
 * generic body, so no stack trace or internal detail leaks.
 */
export function errorBoundary(log: Logger): Middleware {
  return async (ctx, next) => {
    try {
      await next();
    } catch (err) {
      const status = (err as { status?: unknown }).status;
      const expose = (err as { expose?: unknown }).expose === true;
      if (typeof status === 'number' && status >= 400 && status < 500 && expose) {
        const code =
          createHttpError.isHttpError(err) && typeof err.code === 'string'
            ? err.code
            : 'bad_request';
        const message = (err as Error).message;
        log.info({ status, reason: code, detail: message, method: ctx.method }, 'request refused');
        ctx.status = status;
        ctx.body = { error: code, message };
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
