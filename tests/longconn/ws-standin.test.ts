import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WeComWsStandin } from '../../src/devtools/wecom-ws-standin.js';

/**
 * The stand-in refuses what WeCom refuses: a wrong bot id or secret, replies to a req_id that is
 * no open callback, a stream written after it finished, content over 20 480 bytes, a second
 * welcome; it keeps one connection per bot and tells the older one with `disconnected_event`.
 */
const BOT = 'aibstandin01';
let wecom: WeComWsStandin;

beforeAll(async () => {
  wecom = await WeComWsStandin.start({ bots: { [BOT]: 's3cret' } });
});
afterAll(async () => {
  await wecom.close();
});

interface Frame {
  cmd?: string;
  headers: { req_id: string };
  body?: Record<string, unknown>;
  errcode?: number;
  errmsg?: string;
}

/** A bare socket speaking the frames by hand. */
async function raw() {
  const ws = new WebSocket(wecom.url);
  const inbox: Frame[] = [];
  const waiters: Array<() => void> = [];
  ws.on('message', (d) => {
    inbox.push(JSON.parse(d.toString()) as Frame);
    waiters.splice(0).forEach((w) => w());
  });
  await new Promise((r) => ws.once('open', r));
  let n = 0;
  const next = async (pred: (f: Frame) => boolean): Promise<Frame> => {
    for (;;) {
      const i = inbox.findIndex(pred);
      if (i >= 0) return inbox.splice(i, 1)[0]!;
      await new Promise<void>((r) => waiters.push(r));
    }
  };
  const call = async (cmd: string, body?: unknown, reqId = `${cmd}_${++n}`): Promise<Frame> => {
    ws.send(JSON.stringify({ cmd, headers: { req_id: reqId }, body }));
    return next((f) => f.cmd === undefined && f.headers.req_id === reqId);
  };
  return { ws, call, next };
}

describe('the WebSocket stand-in of WeCom', () => {
  it('checks the bot id and secret of aibot_subscribe', async () => {
    const a = await raw();
    expect((await a.call('aibot_subscribe', { bot_id: 'nobody', secret: 'x' })).errcode).toBe(
      93019,
    );
    expect((await a.call('aibot_subscribe', { bot_id: BOT, secret: 'bad' })).errcode).toBe(853000);
    expect((await a.call('ping')).errcode).toBe(40058);
    expect((await a.call('aibot_subscribe', { bot_id: BOT, secret: 's3cret' })).errcode).toBe(0);
    expect((await a.call('ping')).errcode).toBe(0);
    a.ws.terminate();
  });

  it('validates replies against the open callback', async () => {
    const a = await raw();
    await a.call('aibot_subscribe', { bot_id: BOT, secret: 's3cret' });
    const reqId = await wecom.text(BOT, { userid: 'li', chatid: 'g1' }, '进度');
    const cb = await a.next((f) => f.cmd === 'aibot_msg_callback');
    expect(cb.headers.req_id).toBe(reqId);
    expect(cb.body).toMatchObject({ chattype: 'group', chatid: 'g1', from: { userid: 'li' } });

    const stream = (content: string, finish: boolean, id = 's1') => ({
      msgtype: 'stream',
      stream: { id, content, finish },
    });
    expect((await a.call('aibot_respond_msg', stream('x', false), 'unknown')).errcode).toBe(40058);
    expect((await a.call('aibot_respond_msg', stream('处理中', false), reqId)).errcode).toBe(0);
    const tooLong = '字'.repeat(7_000);
    expect((await a.call('aibot_respond_msg', stream(tooLong, false), reqId)).errcode).toBe(40058);
    expect((await a.call('aibot_respond_msg', stream('x', false, 's2'), reqId)).errcode).toBe(
      40058,
    );
    expect((await a.call('aibot_respond_msg', { msgtype: 'text' }, reqId)).errcode).toBe(40008);
    expect((await a.call('aibot_respond_msg', stream('完成', true), reqId)).errcode).toBe(0);
    expect((await a.call('aibot_respond_msg', stream('再来', true), reqId)).errcode).toBe(846608);
    expect(wecom.replies(reqId).map((d) => (d.body.stream as { content: string }).content)).toEqual(
      ['处理中', '完成'],
    );

    const enter = await wecom.event(BOT, { userid: 'li' }, 'enter_chat');
    const welcome = { msgtype: 'text', text: { content: '您好' } };
    expect((await a.call('aibot_respond_welcome_msg', welcome, enter)).errcode).toBe(0);
    expect((await a.call('aibot_respond_welcome_msg', welcome, enter)).errcode).toBe(40058);
    a.ws.terminate();
  });

  it('keeps one connection per bot and re-delivers unanswered callbacks to the new one', async () => {
    const a = await raw();
    await a.call('aibot_subscribe', { bot_id: BOT, secret: 's3cret' });
    await wecom.text(BOT, { userid: 'wang', chatid: 'g2' }, '填写 一(三)', 'msg-unanswered');
    const first = await a.next((f) => f.cmd === 'aibot_msg_callback');
    const b = await raw();
    await b.call('aibot_subscribe', { bot_id: BOT, secret: 's3cret' });
    const kicked = await a.next((f) => f.cmd === 'aibot_event_callback');
    expect(kicked.body).toMatchObject({ event: { eventtype: 'disconnected_event' } });
    const again = await b.next((f) => f.cmd === 'aibot_msg_callback');
    expect(again.body?.msgid).toBe('msg-unanswered');
    expect(again.headers.req_id).not.toBe(first.headers.req_id);
    expect(wecom.liveConnections(BOT)).toBe(1);
    b.ws.terminate();
  });
});
