import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { WeComWsStandin } from '../../src/devtools/wecom-ws-standin.js';
import { ChatPusher, LongConnectionDownError } from '../../src/wecom/longconn/chat-pusher.js';
import { LongConnection, type LongConnectionOptions } from '../../src/wecom/longconn/connection.js';
import { LocalRateGate } from '../../src/wecom/outbound/rate-gate.js';
import { RelayedChatPusher } from '../../src/wecom/longconn/relay.js';
import { WeComApiError } from '../../src/wecom/outbound/errors.js';
import { useStores } from '../support/stores.js';

/**
 * The long connection against the local stand-in of WeCom's endpoint, through the official SDK:
 * authentication (accepted, refused with bounded retries), heartbeats and a dead link, dropped
 * sockets, the Redis lease between instances, and pushes (markdown with mentions, a file).
 */
const stores = useStores('longconn-link');
const BOT = 'aibtestbot01';
const SECRET = 'right-secret';
let wecom: WeComWsStandin;
const links: LongConnection[] = [];

beforeAll(async () => {
  wecom = await WeComWsStandin.start({ bots: { [BOT]: SECRET } });
});
afterAll(async () => {
  await wecom.close();
});
afterEach(async () => {
  await Promise.all(links.splice(0).map((l) => l.stop()));
  wecom.answerHeartbeats(true);
  wecom.setSecret(BOT, SECRET);
});

let leaseSeq = 0;
function link(overrides: Partial<LongConnectionOptions> = {}, prefix?: string): LongConnection {
  const l = new LongConnection({
    botId: BOT,
    secret: SECRET,
    wsUrl: wecom.url,
    redis: stores.redis,
    log: createLogger('silent'),
    leaseMs: 900,
    heartbeatMs: 150,
    reconnectBaseMs: 50,
    leasePrefix: prefix ?? `lease${++leaseSeq}:`,
    ...overrides,
  });
  links.push(l);
  l.start();
  return l;
}

describe('the long connection', () => {
  it('subscribes with the bot id and secret and comes up', async () => {
    const l = link();
    expect(await l.whenUp(5_000)).toBe(true);
    expect(l.status()).toMatchObject({ state: 'up', holder: true });
    const subscribe = wecom.received.find((f) => f.cmd === 'aibot_subscribe' && f.errcode === 0);
    expect(subscribe?.body).toMatchObject({ bot_id: BOT, secret: SECRET });
    await wecom.until(() => wecom.received.some((f) => f.cmd === 'ping' && f.errcode === 0));
  });

  it('gives up after bounded retries when WeCom refuses the secret, and says why', async () => {
    const l = link({ secret: 'wrong-secret', maxAuthAttempts: 2 });
    await wecom.until(
      () => l.status().state === 'auth_refused' || undefined,
      15_000,
      'auth_refused',
    );
    expect(l.status().reason).toMatch(/853000|secret/);
    const refused = wecom.received.filter(
      (f) => f.cmd === 'aibot_subscribe' && f.errcode === 853000,
    );
    // The first try and two retries, then nothing more.
    expect(refused.length).toBe(3);
    expect(l.status().holder).toBe(false);
  });

  it('reconnects after the socket drops, and after heartbeats go unanswered', async () => {
    const l = link();
    expect(await l.whenUp(5_000)).toBe(true);
    const first = wecom.liveConnectionId(BOT);
    wecom.drop(BOT);
    await wecom.until(
      () => (l.status().reconnects >= 1 && l.isUp()) || undefined,
      10_000,
      'reconnect',
    );
    const second = wecom.liveConnectionId(BOT);
    expect(second).toBeGreaterThan(first!);
    expect(l.status().lastReconnectMs).toBeGreaterThanOrEqual(0);

    wecom.answerHeartbeats(false);
    await wecom.until(
      () => (wecom.liveConnectionId(BOT) ?? 0) > second! || undefined,
      10_000,
      'a new socket',
    );
    wecom.answerHeartbeats(true);
    await wecom.until(() => l.isUp() || undefined, 10_000, 'up again');
    expect(l.status().reconnects).toBeGreaterThanOrEqual(2);
  });

  it('lets only one of two instances hold the connection; the other takes over when it stops', async () => {
    const a = link({}, 'shared1:');
    expect(await a.whenUp(5_000)).toBe(true);
    const b = link({}, 'shared1:');
    // b ticks several times while a renews: it stays a standby.
    await new Promise((r) => setTimeout(r, 700));
    expect(b.status()).toMatchObject({ state: 'standby', holder: false });
    expect(wecom.liveConnections(BOT)).toBe(1);
    await a.stop();
    expect(await b.whenUp(5_000)).toBe(true);
    expect(b.status().holder).toBe(true);
    expect(wecom.liveConnections(BOT)).toBe(1);
  });

  it('pushes markdown with mentions and files into a chat a user wrote in', async () => {
    const l = link();
    expect(await l.whenUp(5_000)).toBe(true);
    const pusher = new ChatPusher({ client: () => l.client, gate: new LocalRateGate() });
    // WeCom lets the bot push only where someone wrote to it first.
    await expect(pusher.sendMarkdown('wr-new', '你好')).rejects.toBeInstanceOf(WeComApiError);
    await wecom.text(BOT, { userid: 'li', chatid: 'wr-new' }, '在吗');
    await pusher.sendMarkdown('wr-new', '请尽快填写', ['zhao', 'qian']);
    const data = Buffer.alloc(700 * 1024, 7);
    await pusher.sendFile('wr-new', { filename: '草稿.docx', data });
    const pushed = wecom.pushed('wr-new');
    expect(pushed[0]).toMatchObject({ msgtype: 'markdown' });
    expect(JSON.stringify(pushed[0])).toContain('<@zhao> <@qian>');
    const mediaId = (pushed[1] as { file: { media_id: string } }).file.media_id;
    expect(wecom.media.get(mediaId)?.data.equals(data)).toBe(true);
    expect(wecom.media.get(mediaId)?.filename).toBe('草稿.docx');

    await l.stop();
    await expect(pusher.sendMarkdown('wr-new', 'x')).rejects.toBeInstanceOf(
      LongConnectionDownError,
    );
  });

  it('lets a standby push through the holder', async () => {
    const a = link({}, 'shared2:');
    expect(await a.whenUp(5_000)).toBe(true);
    const b = link({}, 'shared2:');
    const relay = (l: LongConnection) =>
      new RelayedChatPusher({
        local: new ChatPusher({ client: () => l.client, gate: new LocalRateGate() }),
        link: l,
        redis: stores.redis,
        log: createLogger('silent'),
        prefix: 'relay-test:',
        timeoutMs: 5_000,
      });
    const ra = relay(a);
    const rb = relay(b);
    // The holder started serving when its socket came up, before its relay existed: nudge it.
    a.emit('up');
    await wecom.text(BOT, { userid: 'li', chatid: 'wr-relay' }, '在吗');
    expect(b.isUp()).toBe(false);
    await rb.sendMarkdown('wr-relay', '由备用实例发出的提醒', ['zhao']);
    await rb.sendFile('wr-relay', { filename: 'a.docx', data: Buffer.from('PK-relayed') });
    const pushed = wecom.pushed('wr-relay');
    expect(JSON.stringify(pushed[0])).toContain('由备用实例发出的提醒');
    const mediaId = (pushed[1] as { file: { media_id: string } }).file.media_id;
    expect(wecom.media.get(mediaId)?.data.toString()).toBe('PK-relayed');
    // The holder refuses what WeCom refuses, and the standby hears it.
    await expect(rb.sendMarkdown('wr-nobody-wrote-here', 'x')).rejects.toThrow(/40058/);
    await ra.close();
    await rb.close();
  });
});
