import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { WS_BOT_ID, useWsBot } from '../support/ws-bot.js';

/**
 * What goes wrong on the long connection, over the stand-in: the socket dropping just as the
 * final stream frame leaves, a frame WeCom refuses, and credentials WeCom refuses.
 */
const h = useWsBot('e2e-ws-faults', { tuning: { reconnectBaseMs: 100 } });
const refused = useWsBot('e2e-ws-refused', {
  secret: 'not-the-secret',
  tuning: { maxAuthAttempts: 1, reconnectBaseMs: 50 },
});
const group = (userid: string) => ({ userid, chattype: 'group' as const, chatid: 'wr-faults' });

type Stream = { id: string; content: string; finish: boolean };
const streamOf = (body: Record<string, unknown>) => body.stream as Stream | undefined;

describe('faults on the long connection', () => {
  it('completes a stream after the socket dropped with its final frame', async () => {
    const { wecom, say } = h.current;
    await say(group('admin'), '新建 石桥镇 2026年度法治政府建设情况报告 截止 2027-02-26');
    const before = wecom.liveConnectionId(WS_BOT_ID)!;
    // The draft answers with a placeholder first; its final frame is lost with the socket.
    wecom.dropOnFrame(
      (cmd, body) => cmd === 'aibot_respond_msg' && streamOf(body)?.finish === true,
    );
    const msgid = randomUUID();
    await wecom.text(WS_BOT_ID, group('admin'), '生成草稿', msgid);
    const final = await wecom.finalText(msgid, 30_000);
    expect(final).toMatch(/草稿第1版/);
    expect(wecom.liveConnectionId(WS_BOT_ID)).toBeGreaterThan(before);
    const lost = wecom.received.find((f) => f.errmsg === 'dropped with the connection');
    expect(lost?.reqId).toBeDefined();
    // The same callback got the final frame on the new socket, once.
    const finals = wecom.replies(lost!.reqId).filter((d) => streamOf(d.body)?.finish);
    expect(finals).toHaveLength(1);
    expect(new Set(wecom.replies(lost!.reqId).map((d) => streamOf(d.body)?.id)).size).toBe(1);
  }, 60_000);

  it('pushes the answer into the chat when WeCom refuses the reply frame', async () => {
    const { wecom } = h.current;
    wecom.refuseNext('aibot_respond_msg', 846608, 'stream message update expired');
    const msgid = randomUUID();
    const before = wecom.pushed('wr-faults').length;
    await wecom.text(WS_BOT_ID, group('li'), '进度', msgid);
    const pushed = await wecom.until(
      () =>
        wecom
          .pushed('wr-faults')
          .slice(before)
          .find((m) => m.msgtype === 'markdown'),
      20_000,
      'the pushed answer',
    );
    expect(JSON.stringify(pushed)).toMatch(/石桥镇/);
    expect(wecom.repliesToMsg(msgid)).toHaveLength(0);
  });

  it('gives up on refused credentials and says why on /healthz', async () => {
    const { wecom, bot } = refused.current;
    await wecom.until(
      () =>
        wecom.received.filter((f) => f.cmd === 'aibot_subscribe' && f.errcode === 853000).length >=
          2 || undefined,
      20_000,
      'two refused subscribes',
    );
    let res: Response | undefined;
    let body: {
      status?: string;
      transports?: { longConnection?: { state?: string; reason?: string } };
    } = {};
    for (let i = 0; i < 50; i++) {
      res = await fetch(`http://127.0.0.1:${bot.port}/healthz`);
      body = (await res.json()) as typeof body;
      if (body.transports?.longConnection?.state === 'auth_refused') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(res?.status).toBe(503);
    expect(body.status).toBe('degraded');
    expect(body.transports?.longConnection?.reason).toMatch(/853000/);
    expect(JSON.stringify(body)).not.toContain('not-the-secret');
    // Bounded: the first try and one retry, then no more.
    await new Promise((r) => setTimeout(r, 500));
    expect(wecom.received.filter((f) => f.cmd === 'aibot_subscribe')).toHaveLength(2);
  });
});
