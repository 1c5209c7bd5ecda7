import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallbackClient } from '../../src/devtools/callback-client.js';
import type { StreamReply } from '../../src/wecom/replies.js';
import { startBotProcess, type BotProcess } from '../support/bot-process.js';
import { AES_KEY, TOKEN } from './harness.js';

describe('the real entry point (npm start) serves /wecom/callback', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wecom-process-'));
  let bot: BotProcess;
  let client: CallbackClient;
  beforeAll(async () => {
    bot = await startBotProcess(dir, {
      WECOM_BOT_TOKEN: TOKEN,
      WECOM_BOT_ENCODING_AES_KEY: AES_KEY,
    });
    client = new CallbackClient({
      baseUrl: `http://127.0.0.1:${bot.port}`,
      token: TOKEN,
      encodingAesKey: AES_KEY,
    });
  });
  afterAll(async () => {
    bot?.child.kill('SIGTERM');
    await bot?.exited;
    rmSync(dir, { recursive: true, force: true });
  });

  it('passes URL verification and answers a message through the chat engine', async () => {
    expect(await client.verifyUrl('20260301')).toMatchObject({ status: 200, body: '20260301' });
    const res = await client.sendText({
      userid: 'zhangsan',
      chattype: 'group',
      chatid: 'wr-process',
      text: '帮助',
    });
    const stream = (res.reply as StreamReply).stream;
    expect(stream.finish).toBe(true);
    expect(stream.content).toMatch(/新建/);
  });

  it('stops cleanly on SIGTERM, with nothing about secrets in its log', async () => {
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
    const log = bot.lines.join('\n');
    expect(log).not.toContain(AES_KEY);
    expect(log).not.toContain(TOKEN);
  });
});
