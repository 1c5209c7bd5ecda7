import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WeComWsStandin } from '../../src/devtools/wecom-ws-standin.js';
import type { ChatPusher } from '../../src/wecom/longconn/chat-pusher.js';
import { LocalRateGate } from '../../src/wecom/outbound/rate-gate.js';
import { useStores } from '../support/stores.js';
import { startWsLink, type WsLink } from '../support/ws-link.js';

/**
 * WeCom counts what the bot puts into a conversation, replies and pushes together (30 a minute,
 * 1 000 an hour, wecom-protocol.md §7): a reply to a user's message takes a slot of the same
 * budget the pushes use. Here the budget is one message a minute on a clock the test moves, so
 * a push right after a reply has to wait for the next minute.
 */
const stores = useStores('longconn-rate');
const BOT = 'aibratebot01';
const SECRET = 'rate-secret';

let clock = 1_000_000;
const waits: number[] = [];
let wecom: WeComWsStandin;
let pusher: ChatPusher;
let ws: WsLink;

beforeAll(async () => {
  ws = await startWsLink({
    redis: stores.redis,
    botId: BOT,
    secret: SECRET,
    name: 'rate',
    handler: async (msg) =>
      msg.type === 'text' && msg.text === '汇总'
        ? {
            kind: 'markdown',
            content: '正在汇总……',
            later: new Promise((resolve) => setTimeout(() => resolve('汇总完成'), 300)),
          }
        : { kind: 'markdown', content: '已记录' },
    pusher: {
      gate: new LocalRateGate({ limit: 1, windowMs: 60_000 }, () => clock),
      // Waiting for a slot moves the test's clock instead of sleeping.
      sleep: async (ms) => {
        waits.push(ms);
        clock += ms;
      },
    },
  });
  ({ wecom, pusher } = ws);
});
afterAll(() => ws.stop());

describe('the conversation budget on the long connection', () => {
  it('counts a reply like a push: the push after it waits for the next slot', async () => {
    const from = { userid: 'li', chattype: 'group' as const, chatid: 'wr-rate' };
    expect(await wecom.say(BOT, from, '25场次')).toBe('已记录');
    expect(waits).toEqual([]);
    await pusher.sendMarkdown('wr-rate', '请各位按时填写');
    // The reply had taken the minute's only slot.
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThan(0);
    expect(wecom.pushed('wr-rate')).toEqual([
      { chatid: 'wr-rate', msgtype: 'markdown', markdown: { content: '请各位按时填写' } },
    ]);
  });

  it('takes one slot for a whole stream, however many frames update it', async () => {
    clock += 120_000; // a fresh minute: one slot
    waits.length = 0;
    const from = { userid: 'wang', chattype: 'group' as const, chatid: 'wr-rate-2' };
    const msgid = 'rate-slow-1';
    await wecom.text(BOT, from, '汇总', msgid);
    expect(await wecom.finalText(msgid)).toBe('汇总完成');
    // The interim frame and the final one: one message in the chat, one slot, no wait.
    expect(wecom.repliesToMsg(msgid).length).toBeGreaterThanOrEqual(2);
    expect(waits).toEqual([]);
  });
});
