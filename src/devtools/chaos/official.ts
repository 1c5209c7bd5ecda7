import { randomInt } from 'node:crypto';
import type { CallbackClient } from '../callback-client.js';
import { responderTexts } from '../../bot/texts/responder.js';
import { deliver, type DeliveryTally } from './wecom-delivery.js';

/** The bot's answer when a store is down: the user is asked to send the message again. */
const RECOVERING = responderTexts.recovering;
/** Answers that are not the turn's real reply, read from the responder's own catalogue. */
const NOT_REAL = [
  responderTexts.placeholder,
  responderTexts.interrupted,
  responderTexts.expired,
  responderTexts.error,
];

export interface OfficialTally {
  messages: number;
  /** Answers the bot acknowledged (已记录 / 已完成), by tag. */
  readonly acknowledged: Set<string>;
  /** Every tag sent at least once. */
  readonly sent: Set<string>;
  recovering: number;
  /** Finished replies that were not the real one (an apology, an interruption). */
  notReal: number;
  /** Messages that got no finished reply before the deadline. */
  unanswered: number;
  /** The longest a message that got its final reply waited for it (ms). */
  slowestMs: number;
  /** Each unanswered message: when, whose, which msgid, what was typed, and why. */
  readonly unansweredDetails: UnansweredMessage[];
}

export interface UnansweredMessage {
  readonly at: string;
  readonly userid: string;
  readonly msgid: string;
  readonly text: string;
  readonly why: string;
}

export function emptyOfficialTally(): OfficialTally {
  return {
    messages: 0,
    acknowledged: new Set(),
    sent: new Set(),
    recovering: 0,
    notReal: 0,
    unanswered: 0,
    unansweredDetails: [],
    slowestMs: 0,
  };
}

const LETTERS = 'abcdefghijkmnpqrstuvwxyz';

/** A marker no two answers share, in letters only (digits would read as figures). */
export function newTag(taken: Set<string>): string {
  for (;;) {
    const tag = `编号${Array.from({ length: 6 }, () => LETTERS[randomInt(LETTERS.length)]).join('')}`;
    if (!taken.has(tag)) {
      taken.add(tag);
      return tag;
    }
  }
}

export interface OfficialOptions {
  readonly userid: string;
  readonly town: string;
  readonly client: CallbackClient;
  readonly delivery: DeliveryTally;
  readonly tally: OfficialTally;
  readonly tags: Set<string>;
  /** Keep going while this returns true. */
  readonly going: () => boolean;
  readonly onSend?: () => void;
  readonly messageDeadlineMs?: number;
}

/**
 * A township official working through reports in their own group: creates one, fills every
 * part question by question with answers that each carry a unique tag, and starts a new group
 * when the report is complete. Replies are read as a person would: a question is answered, a
 * "系统正在恢复" is followed by the same words sent again (a new message).
 */
export async function runOfficial(o: OfficialOptions): Promise<void> {
  let group = 0;
  while (o.going()) {
    group += 1;
    const sender = {
      userid: o.userid,
      chattype: 'group' as const,
      chatid: `chaos-${o.userid}-${group}`,
    };
    const say = async (text: string, tag?: string): Promise<string | undefined> => {
      for (let tries = 0; tries < 5; tries++) {
        o.tally.messages += 1;
        if (tag) o.tally.sent.add(tag);
        const started = new Date().toISOString();
        const { content, msgid, why } = await deliver(o.client, sender, text, o.delivery, {
          deadlineMs: o.messageDeadlineMs ?? 90_000,
          ...(o.onSend ? { onSend: o.onSend } : {}),
        });
        if (content !== undefined) {
          o.tally.slowestMs = Math.max(o.tally.slowestMs, Date.now() - Date.parse(started));
        }
        if (content === undefined) {
          o.tally.unanswered += 1;
          o.tally.unansweredDetails.push({
            at: started,
            userid: o.userid,
            msgid,
            text,
            why: why ?? '',
          });
          return undefined;
        }
        if (content.includes(RECOVERING)) {
          o.tally.recovering += 1;
          continue;
        }
        if (NOT_REAL.some((text) => content.includes(text))) {
          o.tally.notReal += 1;
          return content;
        }
        if (tag && /已记录|已完成/.test(content)) o.tally.acknowledged.add(tag);
        return content;
      }
      return undefined;
    };
    let reply = await say(
      `新建 ${o.town}${groupName(group)}镇 2026年度法治政府建设情况报告 截止 2027-02-26`,
    );
    if (!reply || !/已新建/.test(reply)) continue;
    reply = await say('填写 一(一)');
    while (reply && o.going()) {
      if (/全部完成/.test(reply)) break;
      const last = reply.split('\n').slice(-3).join('\n');
      if (/已完成/.test(reply) && !/第\d+\/\d+题/.test(reply)) {
        const next = /待完成：(?:未认领 )?([^、\s]+)/.exec(reply);
        if (!next) break;
        reply = await say(`填写 ${next[1]}`);
        continue;
      }
      if (!/第\d+\/\d+题|[？?]/.test(last)) {
        // Not a question (an apology, a hint): pick the dialog up again.
        reply = await say('进度');
        const open = reply && /待完成：(?:未认领 )?([^、\s]+)/.exec(reply);
        if (!open) break;
        reply = await say(`填写 ${open[1]}`);
        continue;
      }
      const tag = newTag(o.tags);
      reply = await say(answerFor(last, tag), tag);
    }
  }
}

/** An answer fitting the question's kind, carrying `tag`. */
function answerFor(question: string, tag: string): string {
  if (/是否|有没有|有无/.test(question)) return `是，${tag}`;
  if (/率|比例/.test(question)) return `100%，${tag}`;
  if (/多少|几/.test(question)) return `3，${tag}`;
  return `开展了专项工作，${tag}`;
}

const NAMES = '东南西北上下前后中新';

/** 东, 南, …, 东东, … : digits in an org name would be read as figures nowhere, but be safe. */
function groupName(n: number): string {
  let out = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / NAMES.length)) {
    out = NAMES[(k - 1) % NAMES.length] + out;
  }
  return out;
}
