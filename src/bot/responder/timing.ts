import type { Logger } from '../../logger.js';
import type { ResponseUrlSender } from '../../wecom/response-url.js';
import type { MessageDedup } from './dedup.js';
import type { MessageHandler } from './handler.js';
import type { StreamRegistry } from './streams.js';
import type { Resends } from './resends.js';
import type { UserQueue } from './user-queue.js';

/** The responder's clocks: how long each wait, lease and retry lasts. */
export interface ResponderTiming {
  /** How long a message waits for its answer before replying with the stream placeholder. */
  readonly replyWaitMs: number;
  /** Work not done this long after the user's message goes to response_url (WeCom: 6 min). */
  readonly streamBudgetMs: number;
  /** A stream still open this long after the budget lost its instance; refreshes close it. */
  readonly orphanGraceMs: number;
  readonly dedupTtlSeconds: number;
  readonly streamTtlSeconds: number;
  /** Per-user queue lease; a crashed instance holds a user up at most this long. */
  readonly leaseMs: number;
  /** A turn's owner lease: a re-sent callback takes over a turn unrenewed this long. */
  readonly ownerLeaseMs: number;
  /** How long a turn keeps retrying while a store is down before answering `responderTexts.recovering`. */
  readonly storeRetryMs: number;
  /** How often open turns are swept for dead owners (0: never; re-sends and refreshes only). */
  readonly sweepMs: number;
}

export const DEFAULT_TIMING: ResponderTiming = {
  replyWaitMs: 2_500,
  streamBudgetMs: 330_000,
  orphanGraceMs: 30_000,
  dedupTtlSeconds: 900,
  streamTtlSeconds: 900,
  leaseMs: 30_000,
  ownerLeaseMs: 10_000,
  storeRetryMs: 60_000,
  sweepMs: 5_000,
};

/** What the responder's pieces (turns, takeover, stream answers) share. */
export interface ResponderParts {
  readonly handler: MessageHandler;
  readonly sender: ResponseUrlSender;
  readonly log: Logger;
  /** Milliseconds since the epoch; tests may move time. */
  readonly now: () => number;
  readonly timing: ResponderTiming;
  readonly dedup: MessageDedup;
  readonly streams: StreamRegistry;
  readonly queue: UserQueue;
  /** Re-sends of messages answered `responderTexts.recovering`, run under the first one's op key. */
  readonly resends: Resends;
  /** Keeps background work in sight of `drain()`. */
  readonly track: <T>(p: Promise<T>) => Promise<T>;
}
