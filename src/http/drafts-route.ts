/**
 * `GET /drafts/<token>.docx`: the .docx of a stored draft, behind an expiring link signed by
 * {@link DraftLinkSigner} (src/bot/draft-links.ts). Tokens are never logged: a token in a log
 * would be a working link to a government draft.
 */
import Router from '@koa/router';
import { draftFileName, type DraftLinkSigner } from '../bot/draft-links.js';
import type { Logger } from '../logger.js';
import type { StoredDraft } from '../store/drafts.js';
import { httpTexts } from './texts.js';

export const DOCX_CONTENT_TYPE =
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** RFC 6266 with an RFC 5987 `filename*` for the Chinese name and a plain ASCII fallback. */
export function contentDisposition(fileName: string, asciiFallback: string): string {
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${asciiFallback}"; filename*=UTF-8''${encoded}`;
}

export interface DraftsRouteDeps {
  readonly drafts: {
    getDraft(reportId: string, version: number): Promise<StoredDraft | undefined>;
  };
  readonly signer: DraftLinkSigner;
  readonly log: Logger;
  /** For tests; the clock otherwise. */
  readonly now?: () => Date;
}

const GONE = {
  error: 'link_expired',
  message: httpTexts.draftLinkExpired,
};
const NOT_FOUND = {
  error: 'not_found',
  message: httpTexts.draftLinkInvalid,
};

export function createDraftsRouter(deps: DraftsRouteDeps): Router {
  const router = new Router();
  const now = deps.now ?? (() => new Date());

  router.get('/drafts/:file', async (ctx) => {
    const file = ctx.params.file ?? '';
    const check = file.endsWith('.docx')
      ? deps.signer.check(file.slice(0, -'.docx'.length), now())
      : ({ ok: false, reason: 'malformed' } as const);
    ctx.set('Cache-Control', 'private, no-store');
    ctx.set('X-Content-Type-Options', 'nosniff');

    if (!check.ok) {
      // The reason and, once the signature holds, which draft: never the token itself.
      deps.log.info(
        { reason: check.reason, ...(check.reason === 'expired' ? check.ref : {}) },
        'draft link refused',
      );
      ctx.status = check.reason === 'expired' ? 410 : 404;
      ctx.body = check.reason === 'expired' ? GONE : NOT_FOUND;
      return;
    }
    const draft = await deps.drafts.getDraft(check.ref.reportId, check.ref.version);
    if (!draft) {
      deps.log.info({ ...check.ref }, 'draft link names no stored draft');
      ctx.status = 404;
      ctx.body = NOT_FOUND;
      return;
    }
    ctx.status = 200;
    ctx.type = DOCX_CONTENT_TYPE;
    ctx.set(
      'Content-Disposition',
      contentDisposition(draftFileName(draft), `draft-v${draft.version}.docx`),
    );
    ctx.length = draft.docx.byteLength;
    ctx.body = draft.docx;
    deps.log.info({ ...check.ref, bytes: draft.docx.byteLength }, 'draft downloaded');
  });
  return router;
}
