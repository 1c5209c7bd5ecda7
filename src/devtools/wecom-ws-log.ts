import type { OpenCallback } from './wecom-ws-rules.js';

/**
 * What the WebSocket stand-in saw and what chat members would see, with the waits tests build
 * on: every recorded change re-checks the probes waiting on it.
 */

/** One frame the bot sent, with the answer given (undefined: not answered). */
export interface ReceivedFrame {
  readonly at: number;
  readonly botId: string | undefined;
  readonly connection: number;
  readonly cmd: string;
  readonly reqId: string;
  readonly body: unknown;
  readonly errcode: number | undefined;
  readonly errmsg: string | undefined;
}

/** What a chat member would see: an accepted reply or pushed message. */
export interface ChatDelivery {
  readonly at: number;
  readonly botId: string;
  /** The group's chatid, or the userid of a single chat. */
  readonly chat: string;
  readonly via: 'reply' | 'welcome' | 'update' | 'send';
  /** For replies: the callback answered. */
  readonly reqId?: string;
  readonly body: Record<string, unknown>;
}

export class WsChatLog {
  /** Every frame the bot sent, in arrival order. */
  readonly received: ReceivedFrame[] = [];
  /** Accepted replies and pushes, as chat members would see them. */
  readonly deliveries: ChatDelivery[] = [];
  /** Every callback sent, by req_id (re-deliveries too), with what it may still take. */
  readonly open = new Map<string, OpenCallback>();
  readonly #waiters = new Set<() => void>();

  /** Records a frame the bot sent; upload chunks by size only (the bytes end up in `media`). */
  record(frame: ReceivedFrame): void {
    const body = frame.body as { base64_data?: unknown } | undefined;
    const shown =
      frame.cmd === 'aibot_upload_media_chunk'
        ? { ...body, base64_data: `<${String(body?.base64_data ?? '').length} chars>` }
        : frame.body;
    this.received.push({ ...frame, body: shown });
    this.changed();
  }

  /** Re-checks every waiting probe; call after each recorded change. */
  changed(): void {
    for (const check of [...this.#waiters]) check();
  }

  /** Accepted replies to one callback, in order. */
  replies(reqId: string): ChatDelivery[] {
    return this.deliveries.filter((d) => d.reqId === reqId);
  }

  /** Replies to any callback that carried this msgid (a re-delivery gets a new req_id). */
  repliesToMsg(msgid: string): ChatDelivery[] {
    const reqIds = new Set(
      [...this.open.values()].filter((c) => c.msgid === msgid).map((c) => c.reqId),
    );
    return this.deliveries.filter((d) => d.reqId !== undefined && reqIds.has(d.reqId));
  }

  /** Messages the bot pushed (aibot_send_msg) into a chat. */
  pushed(chat: string): Array<Record<string, unknown>> {
    return this.deliveries.filter((d) => d.via === 'send' && d.chat === chat).map((d) => d.body);
  }

  /** The finished stream's content for a callback's msgid (its `finish:true` reply). */
  finalText(msgid: string, timeoutMs = 20_000): Promise<string> {
    return this.waitFor(
      () => {
        const done = this.repliesToMsg(msgid).find((d) => streamOf(d.body)?.finish === true);
        return done ? String(streamOf(done.body)!.content) : undefined;
      },
      timeoutMs,
      `the final reply to ${msgid}`,
    );
  }

  /** Resolves when `probe` returns something; rejects after `timeoutMs`. */
  waitFor<T>(probe: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
    const first = probe();
    if (first !== undefined) return Promise.resolve(first);
    return new Promise<T>((resolve, reject) => {
      const check = () => {
        const value = probe();
        if (value === undefined) return;
        cleanup();
        resolve(value);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`stand-in: no ${what} within ${timeoutMs} ms`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.#waiters.delete(check);
      };
      this.#waiters.add(check);
    });
  }
}

export function streamOf(
  body: Record<string, unknown>,
): { content?: unknown; finish?: unknown } | undefined {
  return body.stream as { content?: unknown; finish?: unknown } | undefined;
}
