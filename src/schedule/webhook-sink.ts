import type { Logger } from '../logger.js';
import {
  errcodeAction,
  WebhookQueueFullError,
  WebhookTargetBrokenError,
  WeComApiError,
  WeComNetworkError,
  WeComPayloadError,
  type GroupPusher,
  type WebhookTarget,
} from '../wecom/outbound/index.js';
import { ReminderNotSentError, type ReminderMessage, type ReminderSink } from './ports.js';

export interface WebhookReminderSinkOptions {
  /** The shared pusher: per-key queue, 20/min rate gate across instances, broken targets. */
  readonly pusher: Pick<GroupPusher, 'sendText'>;
  /** The report's group webhook; `undefined` when the admin has not set one. */
  readonly targetOf: (reportId: string) => Promise<WebhookTarget | undefined>;
  /** Leaders to @-mention in the digest. */
  readonly leadersOf: (reportId: string) => Promise<readonly string[]>;
  readonly log?: Logger;
}

/**
 * Reminders into the report's group through its push webhook (wecom-protocol.md §8): a text
 * message with `mentioned_list`, then the leaders' digest as a second message mentioning them.
 */
export class WebhookReminderSink implements ReminderSink {
  readonly #options: WebhookReminderSinkOptions;

  constructor(options: WebhookReminderSinkOptions) {
    this.#options = options;
  }

  async send(
    reportId: string,
    reminder: ReminderMessage,
    digestForLeaders?: string,
  ): Promise<void> {
    const { pusher, targetOf, leadersOf, log } = this.#options;
    const target = await targetOf(reportId);
    if (!target) throw new ReminderNotSentError('no group webhook set for the report', false);
    try {
      await pusher.sendText(target, reminder.text, reminder.mentionedUserids);
    } catch (err) {
      throw classifySendError(err);
    }
    if (!digestForLeaders) return;
    const leaders = await leadersOf(reportId).catch(() => []);
    if (leaders.length === 0) return;
    try {
      await pusher.sendText(target, digestForLeaders, leaders);
    } catch (err) {
      // The reminder itself went out: failing now would make the runner treat it as unsent.
      log?.warn(
        { reportId, target: target.id, err: (err as Error).message },
        'leader digest not sent',
      );
    }
  }
}

/**
 * A pusher error as the runner's contract needs it: {@link ReminderNotSentError} when WeCom
 * certainly did not take the message, the error itself when it may have (a timeout, a reset
 * connection, a garbled answer), so that it is never sent twice.
 */
export function classifySendError(err: unknown): Error {
  const notSent = (retryable: boolean) =>
    new ReminderNotSentError((err as Error).message, retryable, { cause: err });
  if (err instanceof WebhookTargetBrokenError || err instanceof WeComPayloadError) {
    return notSent(false);
  }
  if (err instanceof WebhookQueueFullError) return notSent(true);
  if (err instanceof WeComApiError) {
    const action = errcodeAction(err.errcode);
    return notSent(action === 'retry' || action === 'rate_limited');
  }
  if (err instanceof WeComNetworkError) {
    if (err.failure === 'http_status') return notSent(err.retryable);
    if (err.failure === 'connection' && /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN)$/.test(err.detail)) {
      return notSent(true);
    }
  }
  return err instanceof Error ? err : new Error(String(err));
}
