import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { responderTexts } from '../../src/bot/texts/responder.js';
import { mediaKey } from '../../src/wecom/file-download.js';
import { lastYearReportDocx } from '../support/last-year-report.js';
import { WS_BOT_ID, useWsBot } from '../support/ws-bot.js';

/**
 * Issue #13 end to end: the bot with only WECOM_BOT_ID / WECOM_BOT_SECRET, no public address, no
 * callback credentials and no group webhook. A township fills a section over the long
 * connection, the draft .docx arrives in the group through aibot_send_msg, and 立即提醒
 * @-mentions exactly the people who still owe a section.
 */
const h = useWsBot('e2e-ws');
const group = (userid: string) => ({ userid, chattype: 'group' as const, chatid: 'wr-qingshi' });

describe('a group on the long connection', () => {
  it('fills a section, gets the draft file and a reminder without any webhook', async () => {
    const { say, wecom, http, bot } = h.current;
    expect(
      await say(group('admin'), '新建 青石镇 2026年度法治政府建设情况报告 截止 2027-02-26'),
    ).toMatch(/已新建/);
    // Neither has spoken in the group yet: the bot asks before adding them.
    expect(await say(group('admin'), '设置领导 leader1')).toMatch(/「leader1」还不是.*成员/);
    expect(await say(group('admin'), '确认')).toMatch(/已设置 leader1 为领导/);
    expect(await say(group('admin'), '分配 二 给 zhao')).toMatch(/「zhao」还不是.*成员/);
    expect(await say(group('admin'), '确认')).toMatch(/已分配给 zhao/);
    for (const text of [
      '认领 普法',
      '填写 一(六)',
      '开展宪法宣传周和民法典进村活动',
      '25场次',
      '3200余份',
      '跳过',
      '跳过',
      '无',
    ]) {
      await say(group('li'), text);
    }

    const draft = await say(group('admin'), '生成草稿');
    expect(draft).toMatch(/草稿第1版/);
    expect(draft).toContain('25场次');
    expect(draft).toMatch(/Word 文件已发到群里/);
    const file = wecom.pushed('wr-qingshi').find((m) => m.msgtype === 'file') as
      { file: { media_id: string } } | undefined;
    expect(file).toBeDefined();
    const media = wecom.media.get(file!.file.media_id);
    expect(media?.filename).toMatch(/\.docx$/);
    expect(media?.data.subarray(0, 2).toString()).toBe('PK');

    const before = wecom.pushed('wr-qingshi').length;
    expect(await say(group('admin'), '立即提醒')).toMatch(/已在群里提醒/);
    const reminder = wecom
      .pushed('wr-qingshi')
      .slice(before)
      .find((m) => m.msgtype === 'markdown') as { markdown: { content: string } } | undefined;
    expect(reminder?.markdown.content).toContain('<@zhao>');
    expect(reminder?.markdown.content).not.toContain('<@li>');

    // Nothing went through WeCom's HTTP APIs: no webhook, no response_url.
    expect(http.requests).toHaveLength(0);
    // Every reply frame WeCom got was accepted.
    const refused = wecom.received.filter((f) => f.errcode !== undefined && f.errcode !== 0);
    expect(refused).toEqual([]);

    // The callback route is off in this mode, and /healthz says who holds the connection.
    const callback = await fetch(`http://127.0.0.1:${bot.port}/wecom/callback`, { method: 'POST' });
    expect(callback.status).toBe(404);
    const health = (await (await fetch(`http://127.0.0.1:${bot.port}/healthz`)).json()) as {
      transports: { callback: string; longConnection: { state: string; holder: boolean } };
    };
    expect(health.transports).toMatchObject({
      callback: 'off',
      longConnection: { state: 'up', holder: true },
    });
    expect(wecom.liveConnections(WS_BOT_ID)).toBe(1);
  }, 120_000);

  it('welcomes a user who opens the chat, with aibot_respond_welcome_msg', async () => {
    const { wecom } = h.current;
    const reqId = await wecom.event(WS_BOT_ID, { userid: 'newcomer' }, 'enter_chat');
    const frame = await wecom.until(
      () => wecom.received.find((f) => f.reqId === reqId),
      10_000,
      'the welcome frame',
    );
    expect(frame).toMatchObject({
      cmd: 'aibot_respond_welcome_msg',
      errcode: 0,
      body: { msgtype: 'text', text: { content: responderTexts.welcome } },
    });
    expect(wecom.replies(reqId).map((d) => d.via)).toEqual(['welcome']);
  });

  it('answers the same message once when WeCom delivers it twice', async () => {
    const { wecom } = h.current;
    const msgid = 'dup-msg-1';
    await wecom.text(WS_BOT_ID, group('wang'), '进度', msgid);
    const first = await wecom.finalText(msgid);
    await wecom.text(WS_BOT_ID, group('wang'), '进度', msgid);
    await wecom.until(
      () => wecom.repliesToMsg(msgid).filter((d) => d.body.stream).length >= 2 || undefined,
    );
    const finals = wecom
      .repliesToMsg(msgid)
      .map((d) => d.body.stream as { id: string; content: string; finish: boolean })
      .filter((s) => s.finish);
    // The repeat gets the first answer again (same stream), not a second run of the command.
    expect(new Set(finals.map((s) => s.id)).size).toBe(1);
    expect(finals.every((s) => s.content === first)).toBe(true);
  });

  it('imports last year’s .docx sent over the socket, decrypted with the file’s own key', async () => {
    const { wecom, http } = h.current;
    // On the long connection every file carries its own AES key (file.aeskey).
    const fileKey = 'k'.repeat(21) + 'FileKeyOnTheSocket0123';
    const url = http.hostFile(await lastYearReportDocx(), fileKey, { filename: 'last-year.docx' });
    const msgid = randomUUID();
    await wecom.callback(WS_BOT_ID, 'aibot_msg_callback', {
      msgid,
      aibotid: WS_BOT_ID,
      chattype: 'single',
      from: { userid: 'admin' },
      msgtype: 'file',
      file: { url, aeskey: mediaKey(fileKey).toString('base64') },
    });
    const reply = await wecom.finalText(msgid, 30_000);
    expect(reply).toMatch(/已读取去年的报告/);
    expect(http.requestsTo('file').at(-1)?.errcode).toBe(0);
  }, 60_000);
});
