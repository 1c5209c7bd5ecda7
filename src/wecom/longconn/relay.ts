import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from '../../logger.js';
import { LongConnectionDownError, type ChatPusher } from './chat-pusher.js';
import type { LongConnection } from './connection.js';

/**
 * Pushes from any instance. Only the lease holder has the socket, but reminders run on whichever
 * instance BullMQ picks, and in callback+socket mode any instance may answer a message. A
 * non-holder hands its push to the holder through Redis: it appends a request to a list the
 * holder pops (BLPOP) and waits for the answer on a key of its own. Requests carry a deadline;
 * the holder drops those whose sender has already given up, so a push that timed out on the
 * sender's side is not delivered later behind its back.
 */

interface RelayRequest {
  readonly id: string;
  readonly deadline: number;
  readonly chat: string;
  readonly kind: 'markdown' | 'file';
  readonly content?: string;
  readonly mentions?: readonly string[];
  readonly filename?: string;
  /** base64 */
  readonly data?: string;
}

interface RelayAnswer {
  readonly ok: boolean;
  readonly error?: string;
}

export interface RelayedChatPusherOptions {
  readonly local: ChatPusher;
  readonly link: LongConnection;
  /** A template; the relay opens its own connections (BLPOP blocks one). */
  readonly redis: Redis;
  readonly log: Logger;
  /** How long a non-holder waits for the holder's answer. */
  readonly timeoutMs?: number;
  readonly prefix?: string;
}

/** A push the holder refused or could not make (its error message). */
export class RelayedPushError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RelayedPushError';
  }
}

export class RelayedChatPusher {
  readonly #o: RelayedChatPusherOptions;
  readonly #queue: string;
  readonly #timeoutMs: number;
  #client: Redis | undefined;
  #serving = false;

  constructor(options: RelayedChatPusherOptions) {
    this.#o = options;
    this.#queue = `${options.prefix ?? 'wecom:ws-outbox:'}queue`;
    this.#timeoutMs = options.timeoutMs ?? 20_000;
    options.link.on('up', () => void this.#serve());
  }

  /** Some instance may hold the socket: try it (a failure falls back to the webhook). */
  available(): boolean {
    return (
      this.#o.link.status().state !== 'auth_refused' && this.#o.link.status().state !== 'stopped'
    );
  }

  async sendMarkdown(
    chat: string,
    content: string,
    mentions: readonly string[] = [],
  ): Promise<void> {
    if (this.#o.local.available()) return this.#o.local.sendMarkdown(chat, content, mentions);
    await this.#relay({ chat, kind: 'markdown', content, mentions });
  }

  async sendFile(chat: string, file: { filename: string; data: Buffer }): Promise<void> {
    if (this.#o.local.available()) {
      await this.#o.local.sendFile(chat, file);
      return;
    }
    await this.#relay({
      chat,
      kind: 'file',
      filename: file.filename,
      data: file.data.toString('base64'),
    });
  }

  async close(): Promise<void> {
    this.#serving = false;
    const client = this.#client;
    this.#client = undefined;
    client?.disconnect();
  }

  async #relay(req: Omit<RelayRequest, 'id' | 'deadline'>): Promise<void> {
    const { redis } = this.#o;
    const id = randomUUID();
    const answerKey = `${this.#queue}:answer:${id}`;
    const full: RelayRequest = { ...req, id, deadline: Date.now() + this.#timeoutMs };
    await redis.rpush(this.#queue, JSON.stringify(full));
    const waiter = redis.duplicate();
    waiter.on('error', () => undefined);
    try {
      const got = await waiter.blpop(answerKey, Math.ceil(this.#timeoutMs / 1000));
      if (!got) throw new LongConnectionDownError();
      const answer = JSON.parse(got[1]) as RelayAnswer;
      if (!answer.ok) throw new RelayedPushError(answer.error ?? 'push refused');
    } finally {
      waiter.disconnect();
    }
  }

  /** On the holder while the socket is up: pop requests and make the pushes. */
  async #serve(): Promise<void> {
    if (this.#serving) return;
    this.#serving = true;
    const { link, local, log } = this.#o;
    const client = (this.#client ??= this.#o.redis.duplicate());
    client.on('error', () => undefined);
    try {
      while (this.#serving && link.isUp()) {
        const got = await client.blpop(this.#queue, 1).catch(() => null);
        if (!got) continue;
        const req = JSON.parse(got[1]) as RelayRequest;
        if (Date.now() > req.deadline) continue; // the sender gave up: do not push behind its back
        let answer: RelayAnswer;
        try {
          if (req.kind === 'markdown') {
            await local.sendMarkdown(req.chat, req.content ?? '', req.mentions ?? []);
          } else {
            await local.sendFile(req.chat, {
              filename: req.filename ?? 'file',
              data: Buffer.from(req.data ?? '', 'base64'),
            });
          }
          answer = { ok: true };
        } catch (err) {
          answer = { ok: false, error: (err as Error).message };
          log.warn({ err: (err as Error).message }, 'relayed push failed');
        }
        const key = `${this.#queue}:answer:${req.id}`;
        await client.multi().rpush(key, JSON.stringify(answer)).expire(key, 60).exec();
      }
    } finally {
      this.#serving = false;
    }
  }
}
