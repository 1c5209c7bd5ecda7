import type { Logger } from '../logger.js';
import { ReminderNotSentError, type ReminderMessage, type ReminderSink } from './ports.js';

/** The long connection's push, as reminders need it (`ChatPusher` in production). */
export interface ChatPush {
  /** True when this instance holds the connection. */
  available(): boolean;
  sendMarkdown(chat: string, content: string, mentions?: readonly string[]): Promise<void>;
}

export interface ChatFirstReminderSinkOptions {
  readonly chat: ChatPush;
  /** The groups the report's org is bound to (where the report lives). */
  readonly chatsOf: (reportId: string) => Promise<readonly string[]>;
  readonly leadersOf: (reportId: string) => Promise<readonly string[]>;
  /** The group webhook: the only path in callback mode, the fallback in long-connection mode. */
  readonly webhook: ReminderSink;
  readonly log?: Logger;
}

/**
 * Reminders into the report's group through the long connection (`aibot_send_msg`, mentions as
 * `<@userid>`) when this instance holds it and the report's org has a bound group; otherwise, or
 * when the push fails before WeCom took it, through the group webhook as before.
 */
export class ChatFirstReminderSink implements ReminderSink {
  readonly #o: ChatFirstReminderSinkOptions;

  constructor(o: ChatFirstReminderSinkOptions) {
    this.#o = o;
  }

  async send(
    reportId: string,
    reminder: ReminderMessage,
    digestForLeaders?: string,
  ): Promise<void> {
    const { chat, chatsOf, leadersOf, log } = this.#o;
    const chats = chat.available() ? await chatsOf(reportId) : [];
    if (chats.length === 0) return this.#webhook(reportId, reminder, digestForLeaders);
    let sent = 0;
    for (const id of chats) {
      try {
        await chat.sendMarkdown(id, reminder.text, reminder.mentionedUserids);
        sent++;
      } catch (err) {
        log?.warn(
          { reportId, err: (err as Error).message },
          'reminder push over the long connection failed',
        );
      }
    }
    if (sent === 0) return this.#webhook(reportId, reminder, digestForLeaders);
    if (!digestForLeaders) return;
    const leaders = await leadersOf(reportId).catch(() => []);
    if (leaders.length === 0) return;
    await chat.sendMarkdown(chats[0]!, digestForLeaders, leaders).catch((err: unknown) => {
      // The reminder itself went out: failing now would make the runner treat it as unsent.
      log?.warn({ reportId, err: (err as Error).message }, 'leader digest not sent');
    });
  }

  async #webhook(reportId: string, reminder: ReminderMessage, digest?: string): Promise<void> {
    try {
      await this.#o.webhook.send(reportId, reminder, digest);
    } catch (err) {
      // With a long connection configured, another instance may hold it: try again later rather
      // than dropping the reminder for want of a webhook.
      if (err instanceof ReminderNotSentError && !err.retryable) {
        throw new ReminderNotSentError(err.message, true, { cause: err });
      }
      throw err;
    }
  }
}
