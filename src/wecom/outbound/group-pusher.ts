import type { Logger } from '../../logger.js';
import { LocalBrokenTargets, type BrokenRecord, type BrokenTargets } from './broken-targets.js';
import { errcodeAction } from './errcodes.js';
import {
  WeComApiError,
  WebhookQueueFullError,
  WebhookTargetBrokenError,
  type WeComOutboundError,
} from './errors.js';
import { secretHash } from './key-hash.js';
import { LocalRateGate, type RateGate } from './rate-gate.js';
import {
  backoffDelay,
  DEFAULT_RATE_LIMIT_RETRY,
  realSleep,
  type BackoffPolicy,
  type Sleep,
} from './retry.js';
import type { UploadedMedia, WebhookClient, WebhookFile } from './webhook-client.js';
import {
  fileMessage,
  markdownMessage,
  markdownV2Message,
  textMessage,
  type WebhookMessage,
} from './webhook-messages.js';

/** A group's push webhook as we know it. */
export interface WebhookTarget {
  /** Our name for it (org or chat id): used in hooks, errors and logs instead of the key. */
  readonly id: string;
  /** The webhook key: a secret, never logged or stored in clear by this module. */
  readonly key: string;
}

/**
 * Called once (across instances, when BrokenTargets is shared) when WeCom declares a target dead;
 * the chat layer tells the report's admin to set the webhook again.
 */
export type TargetBrokenHook = (targetId: string, errcode: number) => void | Promise<void>;

export interface GroupPusherOptions {
  readonly client: WebhookClient;
  /** Shared RedisRateGate when several instances run; LocalRateGate by default. */
  readonly gate?: RateGate;
  /** Shared RedisBrokenTargets when several instances run; LocalBrokenTargets by default. */
  readonly broken?: BrokenTargets;
  readonly onTargetBroken?: TargetBrokenHook;
  /** How often, and after how long, a 45009 is retried. */
  readonly rateLimitRetry?: BackoffPolicy;
  /** Messages allowed to wait per key before send() refuses with WebhookQueueFullError. */
  readonly maxPending?: number;
  readonly sleep?: Sleep;
  readonly random?: () => number;
  readonly now?: () => number;
  readonly log?: Logger;
}

interface KeyQueue {
  tail: Promise<void>;
  pending: number;
}

/**
 * Pushes messages into groups through their webhooks: one FIFO queue per key, each message
 * waiting for a slot of the key's rate gate (≤ 20/min), 45009 answered by backing off, and
 * 93000/93004/93008 by marking the target broken, calling the hook, and failing fast afterwards.
 */
export class GroupPusher {
  readonly #client: WebhookClient;
  readonly #gate: RateGate;
  readonly #broken: BrokenTargets;
  readonly #onTargetBroken: TargetBrokenHook | undefined;
  readonly #rateLimitRetry: BackoffPolicy;
  readonly #maxPending: number;
  readonly #sleep: Sleep;
  readonly #random: () => number;
  readonly #now: () => number;
  readonly #log: Logger | undefined;
  readonly #queues = new Map<string, KeyQueue>();

  constructor(options: GroupPusherOptions) {
    this.#client = options.client;
    this.#gate = options.gate ?? new LocalRateGate();
    this.#broken = options.broken ?? new LocalBrokenTargets();
    this.#onTargetBroken = options.onTargetBroken;
    this.#rateLimitRetry = options.rateLimitRetry ?? DEFAULT_RATE_LIMIT_RETRY;
    this.#maxPending = options.maxPending ?? 100;
    this.#sleep = options.sleep ?? realSleep;
    this.#random = options.random ?? Math.random;
    this.#now = options.now ?? Date.now;
    this.#log = options.log;
  }

  sendText(target: WebhookTarget, content: string, mentions: readonly string[] = []) {
    return this.send(target, textMessage(content, mentions));
  }

  sendMarkdown(target: WebhookTarget, content: string) {
    return this.send(target, markdownMessage(content));
  }

  sendMarkdownV2(target: WebhookTarget, content: string) {
    return this.send(target, markdownV2Message(content));
  }

  /** Queues a message; resolves once WeCom accepted it. */
  send(target: WebhookTarget, message: WebhookMessage): Promise<void> {
    return this.#enqueue(target, (hash) =>
      this.#call(target, hash, () =>
        this.#client.send(target.key, message, { beforeAttempt: () => this.#takeSlot(hash) }),
      ),
    );
  }

  /** Uploads the file, then sends it as a file message, in the key's queue order. */
  sendFile(target: WebhookTarget, file: WebhookFile): Promise<UploadedMedia> {
    return this.#enqueue(target, async (hash) => {
      const media = await this.#call(target, hash, () => this.#client.uploadFile(target.key, file));
      await this.#call(target, hash, () =>
        this.#client.send(target.key, fileMessage(media.mediaId), {
          beforeAttempt: () => this.#takeSlot(hash),
        }),
      );
      return media;
    });
  }

  /** Why the target is considered broken, or undefined when it is usable. */
  brokenStatus(target: WebhookTarget): Promise<BrokenRecord | undefined> {
    return this.#broken.get(secretHash(target.key));
  }

  /** After an admin re-set the webhook: allow sends to this key again. */
  reset(target: WebhookTarget): Promise<void> {
    return this.#broken.clear(secretHash(target.key));
  }

  /** Resolves when every queue is empty (shutdown, tests). */
  async idle(): Promise<void> {
    while (this.#queues.size > 0) {
      await Promise.all([...this.#queues.values()].map((q) => q.tail));
    }
  }

  #enqueue<T>(target: WebhookTarget, task: (hash: string) => Promise<T>): Promise<T> {
    const hash = secretHash(target.key);
    let queue = this.#queues.get(hash);
    if (!queue) {
      queue = { tail: Promise.resolve(), pending: 0 };
      this.#queues.set(hash, queue);
    }
    if (queue.pending >= this.#maxPending) {
      return Promise.reject(new WebhookQueueFullError(target.id, queue.pending));
    }
    const q = queue;
    q.pending++;
    const result = q.tail.then(() => task(hash));
    q.tail = result.then(
      () => this.#release(hash, q),
      () => this.#release(hash, q),
    );
    return result;
  }

  #release(hash: string, queue: KeyQueue): void {
    queue.pending--;
    if (queue.pending === 0 && this.#queues.get(hash) === queue) this.#queues.delete(hash);
  }

  /** One WeCom call under the errcode policy: fail fast if broken, back off on 45009. */
  async #call<T>(target: WebhookTarget, hash: string, run: () => Promise<T>): Promise<T> {
    const known = await this.#broken.get(hash);
    if (known) throw new WebhookTargetBrokenError(target.id, known.errcode);
    for (let retry = 1; ; retry++) {
      try {
        return await run();
      } catch (err) {
        if (!(err instanceof WeComApiError)) throw err;
        const action = errcodeAction(err.errcode);
        if (action === 'target_broken') {
          await this.#markBroken(target, hash, err.errcode);
          throw new WebhookTargetBrokenError(target.id, err.errcode);
        }
        if (action !== 'rate_limited' || retry > this.#rateLimitRetry.maxRetries) {
          this.#logFailure(target, hash, err);
          throw err;
        }
        const delay = backoffDelay(this.#rateLimitRetry, retry, this.#random);
        this.#log?.warn(
          { target: target.id, keyHash: hash, retry, delayMs: delay },
          'webhook rate limited by WeCom (45009); backing off',
        );
        await this.#sleep(delay);
      }
    }
  }

  async #takeSlot(hash: string): Promise<void> {
    for (;;) {
      const decision = await this.#gate.tryAcquire(hash);
      if (decision.acquired) return;
      await this.#sleep(decision.retryAfterMs);
    }
  }

  async #markBroken(target: WebhookTarget, hash: string, errcode: number): Promise<void> {
    const first = await this.#broken.mark(hash, { targetId: target.id, errcode, at: this.#now() });
    this.#log?.warn(
      { target: target.id, keyHash: hash, errcode, first },
      'webhook target broken; further sends fail fast until it is re-set',
    );
    if (!first || !this.#onTargetBroken) return;
    try {
      await this.#onTargetBroken(target.id, errcode);
    } catch (err) {
      this.#log?.error({ target: target.id, err }, 'onTargetBroken hook failed');
    }
  }

  #logFailure(target: WebhookTarget, hash: string, err: WeComOutboundError): void {
    this.#log?.warn({ target: target.id, keyHash: hash, err }, 'webhook push failed');
  }
}
