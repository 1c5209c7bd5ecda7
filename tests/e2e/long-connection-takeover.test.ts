import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { WeComWsStandin } from '../../src/devtools/wecom-ws-standin.js';
import { connectMongo } from '../../src/store/mongo.js';
import { startBotProcess, type BotProcess } from '../support/bot-process.js';
import { withDatabase } from '../support/bot-app.js';
import { WS_BOT_ID, WS_BOT_SECRET } from '../support/ws-bot.js';

/**
 * Bot processes on one MongoDB and one Redis, long connection only: one holds the socket, the
 * others stand by. The holder is killed (SIGKILL: no lease given back); a standby takes over
 * once the lease lapses, and every message — those sent before the kill, those sent while
 * nobody held the socket, and a slow answer that was streaming when the holder died — is
 * answered exactly once.
 */
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ws-takeover-'));
const db = `t_wstakeover_${randomUUID().slice(0, 8)}`;
let wecom: WeComWsStandin;
const bots: BotProcess[] = [];

beforeAll(async () => {
  wecom = await WeComWsStandin.start({ bots: { [WS_BOT_ID]: WS_BOT_SECRET } });
});
afterAll(async () => {
  for (const b of bots) b.child.kill('SIGKILL');
  await Promise.all(bots.map((b) => b.exited));
  await wecom.close();
  const conn = await connectMongo(withDatabase(inject('mongodbUri'), db));
  await conn.dropDatabase().catch(() => undefined);
  await conn.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function startBot(name: string): Promise<BotProcess> {
  return startBotProcess(path.join(dataDir, name), {
    MONGODB_URI: withDatabase(inject('mongodbUri'), db),
    REDIS_URL: inject('redisUrl'),
    WECOM_BOT_TOKEN: '',
    WECOM_BOT_ENCODING_AES_KEY: '',
    WECOM_BOT_ID: WS_BOT_ID,
    WECOM_BOT_SECRET: WS_BOT_SECRET,
    WECOM_WS_URL: wecom.url,
    WECOM_WS_LEASE_SECONDS: '3',
    WECOM_API_BASE: 'http://127.0.0.1:9',
  });
}

const group = (userid: string) => ({ userid, chattype: 'group' as const, chatid: 'wr-two' });
const streamOf = (d: { body: Record<string, unknown> }) =>
  d.body.stream as { finish?: boolean } | undefined;

describe('two instances, one connection', () => {
  it('hands the connection over when the holder dies, losing and doubling nothing', async () => {
    const a = await startBot('a');
    bots.push(a);
    await wecom.until(() => wecom.liveConnections(WS_BOT_ID) === 1 || undefined, 20_000, 'A up');
    const b = await startBot('b');
    bots.push(b);
    const holderConn = wecom.liveConnectionId(WS_BOT_ID);

    const say = (userid: string, text: string) => wecom.say(WS_BOT_ID, group(userid), text);
    expect(await say('admin', '新建 双河镇 2026年度法治政府建设情况报告 截止 2027-02-26')).toMatch(
      /已新建/,
    );
    expect(await say('li', '填写 一(六)')).toBeTruthy();
    expect(await say('li', '开展宪法宣传周活动')).toBeTruthy();
    // B stood by all along: one subscribe accepted, and it was A's.
    expect(
      wecom.received.filter((f) => f.cmd === 'aibot_subscribe' && f.errcode === 0),
    ).toHaveLength(1);
    expect(wecom.liveConnectionId(WS_BOT_ID)).toBe(holderConn);

    a.child.kill('SIGKILL');
    await a.exited;
    // Sent while nobody holds the socket: WeCom keeps them for the next connection.
    const pending = ['25场次', '3200余份'].map(async (text) => {
      const msgid = randomUUID();
      await wecom.text(WS_BOT_ID, group('li'), text, msgid);
      return msgid;
    });
    await wecom.until(
      () => (wecom.liveConnectionId(WS_BOT_ID) ?? 0) > holderConn! || undefined,
      30_000,
      'B to take over',
    );
    const msgids: string[] = [];
    for (const p of pending) msgids.push(await p);
    for (const msgid of msgids) await wecom.finalText(msgid);

    const summary = await say('admin', '进度');
    expect(summary).toBeTruthy();
    // Each message was answered by exactly one finished stream.
    for (const msgid of msgids) {
      expect(wecom.repliesToMsg(msgid).filter((d) => streamOf(d)?.finish)).toHaveLength(1);
    }
    // The holder dies while a slow answer streams: B has answered 生成草稿 with its interim
    // frame and is stopped dead right there, before the draft is in. C, standing by, takes over
    // the connection and the open stream, and the user still gets the draft, once.
    const c = await startBot('c');
    bots.push(c);
    const beforeKill = wecom.liveConnectionId(WS_BOT_ID)!;
    const draftMsg = randomUUID();
    const interim = wecom.until(
      () => wecom.repliesToMsg(draftMsg).find((d) => streamOf(d)?.finish === false),
      20_000,
      'the interim frame of 生成草稿',
    );
    await wecom.text(WS_BOT_ID, group('admin'), '生成草稿', draftMsg);
    await interim;
    // Stopped before the stand-in reads B's next frame: nothing after the interim goes out.
    b.child.kill('SIGSTOP');
    b.child.kill('SIGKILL');
    await b.exited;

    // C finds the open stream, takes the dead turn over and completes it on the same req_id.
    const draft = await wecom.finalText(draftMsg, 60_000);
    expect(draft).toMatch(/草稿第1版/);
    // The answers were applied once each: the draft shows each figure once.
    expect(draft.match(/25场次/g)).toHaveLength(1);
    expect(draft.match(/3200余份/g)).toHaveLength(1);
    // One final reply, on the callback's own req_id, sent over C's connection.
    const finals = wecom.repliesToMsg(draftMsg).filter((d) => streamOf(d)?.finish === true);
    expect(finals).toHaveLength(1);
    expect(wecom.liveConnectionId(WS_BOT_ID)).toBeGreaterThan(beforeKill);
    const pushed = wecom.pushed('wr-two');
    // Not a second answer pushed beside it, and the .docx once.
    expect(pushed.filter((m) => JSON.stringify(m).includes('草稿第'))).toHaveLength(0);
    expect(pushed.filter((m) => m.msgtype === 'file')).toHaveLength(1);
    // The draft was stored once.
    const conn = await connectMongo(withDatabase(inject('mongodbUri'), db));
    try {
      expect(await conn.db!.collection('drafts').countDocuments()).toBe(1);
    } finally {
      await conn.close();
    }
    expect(wecom.liveConnections(WS_BOT_ID)).toBe(1);
  }, 180_000);
});
