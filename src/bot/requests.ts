import type { Request } from './apply.js';
import { responderTexts } from './texts/responder.js';

/** An image under the turn's text (a progress chart): PNG bytes and their hex md5. */
export interface ImageReply {
  readonly kind: 'image';
  readonly png: Buffer;
  readonly md5: string;
}

/** What a request answers: markdown replies, and images that go under them. */
export type RequestReply = string | ImageReply;

export function isImage(reply: RequestReply): reply is ImageReply {
  return typeof reply !== 'string';
}

export function isText(reply: RequestReply): reply is string {
  return typeof reply === 'string';
}

/** The turn a request comes from. */
export interface RequestContext {
  /**
   * The turn's msgid. A turn re-run after its owner died (a takeover) makes its requests again;
   * a request that stores something (a draft version) uses the key to store it once.
   */
  readonly turnKey?: string;
}

/**
 * Fulfils requests that need more than the store: each returns the markdown replies to deliver
 * (a chat preview of a draft, the checker's findings, a summary, a reminder plan, an
 * invitation code), and images for the summaries' charts.
 */
export interface RequestHandlers {
  readonly requestDraft?: (
    req: Extract<Request, { op: 'requestDraft' }>,
    ctx?: RequestContext,
  ) => Promise<string[]>;
  readonly requestCheck?: (req: Extract<Request, { op: 'requestCheck' }>) => Promise<string[]>;
  readonly requestSummary?: (
    req: Extract<Request, { op: 'requestSummary' }>,
  ) => Promise<RequestReply[]>;
  /** No handler: no chart (the text has said it all). */
  readonly requestChart?: (req: Extract<Request, { op: 'requestChart' }>) => Promise<ImageReply[]>;
  readonly requestReminderPlan?: (
    req: Extract<Request, { op: 'requestReminderPlan' }>,
  ) => Promise<string[]>;
  readonly importReport?: (req: Extract<Request, { op: 'importReport' }>) => Promise<string[]>;
  readonly remindNow?: (req: Extract<Request, { op: 'remindNow' }>) => Promise<string[]>;
  readonly draftHistory?: (req: Extract<Request, { op: 'draftHistory' }>) => Promise<string[]>;
  readonly issueInvitation?: (
    req: Extract<Request, { op: 'issueInvitation' }>,
  ) => Promise<string[]>;
  readonly joinCounty?: (req: Extract<Request, { op: 'joinCounty' }>) => Promise<string[]>;
}

/**
 * Requests that write what the next turn reads (an import's plans, a township joining its
 * county, an invitation code): they run inside the turn, before its queue place is given up, so
 * the user's next message sees them and a turn re-run after a crash runs them again (each is
 * idempotent or harmless to repeat). The others only read and may finish after the turn.
 */
export function runsInTurn(req: Request): boolean {
  return req.op === 'importReport' || req.op === 'joinCounty' || req.op === 'issueInvitation';
}

/**
 * Charts of what the turn has just read: drawn within the turn (quick, and cached by what they
 * draw) so that the finished answer carries them at once, after the turn's writes.
 */
export function isChart(req: Request): boolean {
  return req.op === 'requestChart';
}

/** Runs every request of a turn in order and gathers their replies. */
export async function fulfil(
  handlers: RequestHandlers,
  requests: readonly Request[],
  ctx: RequestContext = {},
): Promise<RequestReply[]> {
  const replies: RequestReply[] = [];
  for (const req of requests) {
    const handler = handlers[req.op] as
      ((r: Request, c: RequestContext) => Promise<RequestReply[]>) | undefined;
    if (handler) replies.push(...(await handler(req, ctx)));
    else if (!isChart(req)) replies.push(responderTexts.notReady);
  }
  return replies;
}
