import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessageHandler } from '../../src/bot/responder/handler.js';
import type { WeComWsStandin } from '../../src/devtools/wecom-ws-standin.js';
import { LocalRateGate } from '../../src/wecom/outbound/rate-gate.js';
import { AIBOT_CHAT_RATE } from '../../src/wecom/longconn/chat-pusher.js';
import { useStores } from '../support/stores.js';
import { startWsLink, type WsLink } from '../support/ws-link.js';

/**
 * Events over the socket, end to end through the stand-in: `enter_chat` answered with
 * `aibot_respond_welcome_msg`, a card sent with a finished stream, and a click on it
 * (`template_card_event`) answered with `aibot_respond_update_msg` — each frame's shape as WeCom
 * takes it, on the event's own req_id, within the five seconds WeCom gives events.
 */
const stores = useStores('longconn-events');
const BOT = 'aibeventsbot1';
const SECRET = 'events-secret';
const card = (taskId: string, title: string) => ({
  card_type: 'button_interaction',
  main_title: { title },
  task_id: taskId,
  button_list: [{ text: '确认', style: 1, key: 'confirm' }],
});
const handler: MessageHandler = async (msg) => {
  if (msg.type === 'enter_chat') return { kind: 'welcome', text: '您好，我是报告助手。' };
  if (msg.type === 'template_card_event') {
    return {
      kind: 'update_card',
      card: {
        ...card(msg.taskId, `已${msg.eventKey === 'confirm' ? '确认' : '处理'}`),
        button_list: [],
      },
      userids: [msg.from.userid],
    };
  }
  if (msg.type === 'text' && msg.text === '确认卡片') {
    return { kind: 'card', card: card('task-confirm-1', '请确认本节内容'), content: '请确认：' };
  }
  return { kind: 'markdown', content: 'ok' };
};

let wecom: WeComWsStandin;
let ws: WsLink;

beforeAll(async () => {
  ws = await startWsLink({
    redis: stores.redis,
    botId: BOT,
    secret: SECRET,
    name: 'events',
    handler,
    pusher: { gate: new LocalRateGate(AIBOT_CHAT_RATE) },
  });
  ({ wecom } = ws);
});
afterAll(() => ws.stop());

const frameOf = (reqId: string) => wecom.received.find((f) => f.reqId === reqId);

describe('events on the long connection', () => {
  it('answers enter_chat with aibot_respond_welcome_msg carrying a text', async () => {
    const reqId = await wecom.event(BOT, { userid: 'newcomer' }, 'enter_chat');
    await wecom.until(() => frameOf(reqId), 5_000, 'the welcome frame');
    expect(frameOf(reqId)).toMatchObject({
      cmd: 'aibot_respond_welcome_msg',
      errcode: 0,
      body: { msgtype: 'text', text: { content: '您好，我是报告助手。' } },
    });
    expect(wecom.replies(reqId)).toEqual([
      expect.objectContaining({ via: 'welcome', chat: 'newcomer' }),
    ]);
  });

  it('sends a card with the finished stream, and answers its click with aibot_respond_update_msg', async () => {
    const from = { userid: 'li', chattype: 'group' as const, chatid: 'wr-events' };
    const msgReq = await wecom.text(BOT, from, '确认卡片');
    const sent = await wecom.until(
      () => wecom.replies(msgReq).find((d) => d.body.template_card),
      5_000,
      'the card',
    );
    expect(sent.body).toMatchObject({
      msgtype: 'stream_with_template_card',
      stream: { finish: true, content: '请确认：' },
      template_card: { card_type: 'button_interaction', task_id: 'task-confirm-1' },
    });

    const clickReq = await wecom.event(BOT, from, 'template_card_event', {
      card_type: 'button_interaction',
      event_key: 'confirm',
      task_id: 'task-confirm-1',
    });
    await wecom.until(() => frameOf(clickReq), 5_000, 'the card update');
    const frame = frameOf(clickReq)!;
    expect(frame).toMatchObject({
      cmd: 'aibot_respond_update_msg',
      errcode: 0,
      body: {
        response_type: 'update_template_card',
        userids: ['li'],
        template_card: { task_id: 'task-confirm-1', main_title: { title: '已确认' } },
      },
    });
    // Accepted (the stand-in refuses an update later than 5 s after the event), once.
    expect(wecom.replies(clickReq)).toHaveLength(1);
    expect(wecom.replies(clickReq)[0]!.via).toBe('update');
    expect(wecom.received.filter((f) => f.errcode !== undefined && f.errcode !== 0)).toEqual([]);
  });
});
