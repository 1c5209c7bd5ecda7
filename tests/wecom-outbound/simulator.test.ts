import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/localstack/ports.js';
import { WeComFileDownloader } from '../../src/wecom/file-download.js';
import type { HandledMessage, MessageHandler } from '../../src/bot/responder/handler.js';
import {
  GroupPusher,
  LocalRateGate,
  parseWebhookKey,
  ResponseUrlClient,
  WebhookClient,
} from '../../src/wecom/outbound/index.js';
import { webhookKeyFor } from '../../src/devtools/sim-session.js';
import { runSimulator } from '../../src/devtools/simulator.js';
import { testConfig } from '../support/config.js';
import { useStores } from '../support/stores.js';
import { startBot, type BotUnderTest } from '../wecom/harness.js';

/**
 * The simulator piped a script, against an in-process bot: createApp + the WeCom callback router,
 * with a small handler that exercises every path the simulator renders (stream, slow stream,
 * response_url, group push, pushed file, enter_chat, a file the user sent).
 */
const stores = useStores('wecom-simulator');
const config = testConfig();
const credentials = {
  token: config.wecomBotToken!,
  encodingAesKey: config.wecomBotEncodingAesKey!,
  receiveId: '',
};

let bot: BotUnderTest;
let botUrl: string;
let wecomPort: number;
let filesDir: string;
const received: HandledMessage[] = [];

/** A real 1×1 PNG standing in for a chart. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const CHART = { base64: PNG.toString('base64'), md5: createHash('md5').update(PNG).digest('hex') };

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

beforeAll(async () => {
  wecomPort = await freePort();
  filesDir = mkdtempSync(path.join(os.tmpdir(), 'sim-files-'));
  const apiBase = `http://127.0.0.1:${wecomPort}`;
  const webhook = new WebhookClient({ apiBase });
  const pusher = new GroupPusher({ client: webhook, gate: new LocalRateGate() });
  const keys = new Map<string, string>();
  const files = new WeComFileDownloader({
    encodingAesKey: credentials.encodingAesKey,
    hosts: { callback: [apiBase], longConnection: [apiBase] },
  });
  const handler: MessageHandler = async (msg) => {
    received.push(msg);
    if (msg.type === 'enter_chat') return { kind: 'welcome', text: '您好，我是报告助手。' };
    if (msg.type === 'file') {
      const file = await files.download(msg.url);
      const text = file.bytes.toString('utf8');
      return { kind: 'markdown', content: `收到文件 ${file.name}（${text.length} 字）：${text}` };
    }
    if (msg.type !== 'text') return { kind: 'none' };
    const target = () => ({ id: msg.chatid ?? 'single', key: keys.get(msg.chatid ?? '') ?? '' });
    const set = /^设置推送\s+(\S+)$/.exec(msg.text);
    if (set) {
      keys.set(msg.chatid ?? '', parseWebhookKey(set[1]!) ?? '');
      return { kind: 'markdown', content: '已设置本群的消息推送。' };
    }
    if (msg.text === '提醒大家') {
      await pusher.sendText(target(), '请各位在 2 月 28 日前完成填报。', ['zhangsan', 'lisi']);
      return { kind: 'markdown', content: '已在群里提醒。' };
    }
    if (msg.text === '发草稿') {
      await pusher.sendFile(target(), {
        filename: '青石镇2025年法治政府建设情况报告（草稿）.docx',
        data: new TextEncoder().encode('draft docx bytes'),
      });
      return { kind: 'markdown', content: '草稿已发到群里。' };
    }
    if (msg.text === '生成草稿') {
      return {
        kind: 'markdown',
        content: '正在生成草稿……',
        later: sleep(250).then(
          () => '## 草稿预览\n**一、主要举措和成效**\n- 开展普法活动 70余场次',
        ),
      };
    }
    if (msg.text === '全县进度') {
      // A chart under the text, as the bot's county views finish (msg_item).
      return { kind: 'markdown', content: '**全县进度**：见图', images: [CHART] };
    }
    if (msg.text === '全县汇总') {
      // Outlives the stream budget: the answer goes through response_url.
      return {
        kind: 'markdown',
        content: '',
        later: sleep(2_200).then(() => '**全县进度**：12/15 个乡镇已完成'),
      };
    }
    return { kind: 'markdown', content: `**${msg.from.userid}** 说：${msg.text}` };
  };
  bot = await startBot(stores, {
    handler,
    responseUrlSender: new ResponseUrlClient({ apiBase }),
    // Wide margins: the slow draft (250 ms) finishes well inside the stream budget, the county
    // summary (2.2 s) well outside it, however busy the machine.
    timing: { replyWaitMs: 100, streamBudgetMs: 1_500, orphanGraceMs: 500 },
  });
  botUrl = bot.base;
});

afterAll(async () => {
  await bot?.close();
  rmSync(filesDir, { recursive: true, force: true });
});

async function simulate(lines: string[], overrides: { token?: string; filesDir?: string } = {}) {
  const output = new PassThrough();
  let text = '';
  output.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  const code = await runSimulator({
    input: Readable.from([`${lines.join('\n')}\n`]),
    output,
    botUrl,
    credentials: { ...credentials, token: overrides.token ?? credentials.token },
    wecomPort,
    user: 'zhangsan',
    group: '青石镇工作群',
    refreshIntervalMs: 50,
    lingerMs: 50,
    filesDir: overrides.filesDir ?? filesDir,
  });
  return { code, text };
}

describe('npm run chat, piped', () => {
  it('plays a group conversation and renders replies, streams, pushes and late answers', async () => {
    const { code, text } = await simulate([
      '帮我看看',
      '/webhook',
      '设置推送 https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=' +
        '00000000-0000-0000-0000-000000000000',
      '/as lisi',
      '生成草稿',
      '全县汇总',
      '/wait 10',
      '/users',
    ]);
    expect(code).toBe(0);
    // Each line is echoed after a prompt saying who speaks where.
    expect(text).toContain('zhangsan@青石镇工作群> 帮我看看');
    expect(text).toContain('lisi@青石镇工作群> 生成草稿');
    // Group messages reach the bot with the @mention WeCom adds, from the right user and chat.
    const first = received.find((m) => m.type === 'text' && m.text === '帮我看看');
    expect(first).toMatchObject({ chattype: 'group', from: { userid: 'zhangsan' } });
    expect((first as { rawText: string }).rawText).toBe('@报告助手 帮我看看');
    expect(first?.chatid).toMatch(/^wr[0-9a-f]{30}$/);
    // Markdown shown plainly.
    expect(text).toContain('报告助手 → zhangsan@青石镇工作群：\n  zhangsan 说：帮我看看');
    expect(text).not.toContain('**');
    // /webhook shows the group's push address; /as switches the speaker.
    expect(text).toMatch(
      /消息推送（群机器人）地址：\n {2}https:\/\/qyapi\.weixin\.qq\.com\/cgi-bin\/webhook\/send\?key=[0-9a-f-]{36}/,
    );
    expect(text).toContain('现在以 lisi 的身份发言（新出场）');
    // A slow answer: the placeholder, then the finished stream, rendered.
    expect(text).toContain('报告助手：正在生成草稿……');
    expect(text).toContain(
      '报告助手 → lisi@青石镇工作群：\n  草稿预览\n  一、主要举措和成效\n  • 开展普法活动 70余场次',
    );
    // Too slow for the stream: a note now, the answer later through response_url.
    expect(text).toContain('内容较多，稍后通过消息发送给您。');
    expect(text).toContain(
      '报告助手（异步回复）→ lisi@青石镇工作群：\n  全县进度：12/15 个乡镇已完成',
    );
    expect(text).toContain('出场的人：zhangsan、lisi（当前）');
  });

  it('shows what the bot pushed into the group webhook, mentions and files included', async () => {
    // The address /webhook shows for the group: what an admin would paste into 设置推送.
    const url = `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${webhookKeyFor('青石镇工作群')}`;
    const { code, text } = await simulate([`设置推送 ${url}`, '提醒大家', '发草稿']);
    expect(code).toBe(0);
    expect(text).toContain(
      '报告助手（群推送）→ 青石镇工作群：\n  请各位在 2 月 28 日前完成填报。\n  （提醒：@zhangsan @lisi）',
    );
    expect(text).toContain(
      '报告助手（群推送）→ 青石镇工作群：\n  [文件] 青石镇2025年法治政府建设情况报告（草稿）.docx（16 字节）',
    );
    const saved = readdirSync(filesDir);
    expect(saved).toContain('青石镇2025年法治政府建设情况报告（草稿）.docx');
    expect(readFileSync(path.join(filesDir, saved[0]!), 'utf8')).toBe('draft docx bytes');
    // The push is shown before the bot's reply that caused it.
    expect(text.indexOf('（提醒：@zhangsan @lisi）')).toBeLessThan(text.indexOf('已在群里提醒。'));
  });

  it('shows a chart under the answer and says where it saved it', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sim-charts-'));
    try {
      const { code, text } = await simulate(['全县进度', '全县进度'], { filesDir: dir });
      expect(code).toBe(0);
      expect(text).toContain(
        '报告助手 → zhangsan@青石镇工作群：\n  全县进度：见图\n  [图片] PNG（',
      );
      const saved = readdirSync(dir).sort();
      expect(saved).toEqual(['图表-1.png', '图表.png']);
      expect(text).toContain(
        `已保存到 ${path.relative(process.cwd(), path.join(dir, '图表.png'))}`,
      );
      expect(readFileSync(path.join(dir, '图表.png'))).toEqual(PNG);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('opens a single chat with the enter_chat welcome and answers there', async () => {
    const { code, text } = await simulate([
      '/as wangwu',
      '/single',
      '进度',
      '/group 青石镇工作群',
      '/group',
    ]);
    expect(code).toBe(0);
    expect(text).toContain('wangwu 打开了与报告助手的单聊。');
    expect(text).toContain('报告助手 → wangwu（单聊）：\n  您好，我是报告助手。');
    expect(text).toContain('wangwu（单聊）> 进度');
    expect(text).toContain('报告助手 → wangwu（单聊）：\n  wangwu 说：进度');
    const single = received.find((m) => m.type === 'text' && m.text === '进度');
    expect(single).toMatchObject({ chattype: 'single', from: { userid: 'wangwu' } });
    expect((single as { rawText: string }).rawText).toBe('进度');
    expect(text).toContain('已有的群：青石镇工作群');
  });

  it('sends a file with /file: hosted encrypted with the bot key behind a file callback', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sim-send-'));
    const file = path.join(dir, '去年的 报告.txt');
    writeFileSync(file, '青石镇2025年法治政府建设情况报告');
    const { code, text } = await simulate([
      '/as zhaoliu',
      '/single',
      `/file '${file}'`,
      '/file /no/such/去年的报告.docx',
      '/file',
    ]);
    expect(code).toBe(0);
    const sent = received.find((m) => m.type === 'file' && m.from.userid === 'zhaoliu');
    expect(sent).toMatchObject({ type: 'file', chattype: 'single' });
    expect((sent as { url: string }).url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/aibot\/file\//);
    expect(text).toContain('（zhaoliu（单聊） 发送了文件 去年的 报告.txt，46 字节）');
    expect(text).toContain(
      '报告助手 → zhaoliu（单聊）：\n  收到文件 去年的 报告.txt（18 字）：青石镇2025年法治政府建设情况报告',
    );
    expect(text).toContain('找不到文件 /no/such/去年的报告.docx。');
    expect(text).toContain('用法：/file <文件路径>');
    expect(received.filter((m) => m.type === 'file')).toHaveLength(1);
    rmSync(dir, { recursive: true, force: true });
  });

  it('explains a credentials mismatch and exits non-zero', async () => {
    const { code, text } = await simulate(['你好'], { token: 'wrongtoken' });
    expect(code).toBe(1);
    expect(text).toContain('Token / EncodingAESKey 不一致');
  });

  it('sends the lines after /paste as one message when a line holds only .', async () => {
    const before = received.length;
    const { code, text } = await simulate([
      '/paste 填写 一(五)',
      '依托综治中心每月排查，',
      '  全年共排查矛盾纠纷18起，化解17起。',
      '.',
      '/paste',
      '这一条不发',
      '/cancel',
      '之后照常一行一条',
    ]);
    expect(code).toBe(0);
    expect(text).toContain('粘贴模式：接下来的各行合成一条消息发送');
    expect(text).toContain('已放弃粘贴的内容，没有发送。');
    const texts = received.slice(before).flatMap((m) => (m.type === 'text' ? [m.text] : []));
    expect(texts).toEqual([
      '填写 一(五)\n依托综治中心每月排查，\n  全年共排查矛盾纠纷18起，化解17起。',
      '之后照常一行一条',
    ]);
  });

  it('answers unknown commands with a hint instead of sending them', async () => {
    const before = received.length;
    const { code, text } = await simulate(['/frobnicate', '/as 张三']);
    expect(code).toBe(0);
    expect(text).toContain('未知命令 /frobnicate，输入 /help 查看可用命令');
    expect(text).toContain('用法：/as <userid>');
    expect(received).toHaveLength(before);
  });
});
