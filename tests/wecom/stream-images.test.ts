import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReplyRefusedError } from '../../src/devtools/callback-client.js';
import { passiveReplyProblem } from '../../src/devtools/passive-reply-rules.js';
import { WeComCrypto } from '../../src/wecom/crypto.js';
import {
  sealReply,
  streamReply,
  type StreamImage,
  type StreamReply,
} from '../../src/wecom/replies.js';
import { useStores } from '../support/stores.js';
import { AES_KEY, gate, recordingHandler, startBot, TOKEN, type BotUnderTest } from './harness.js';

const stores = useStores('streamimages');

/** A real 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const image = (bytes: Buffer = PNG): StreamImage => ({
  base64: bytes.toString('base64'),
  md5: createHash('md5').update(bytes).digest('hex'),
});

describe('images on the finished stream (msg_item)', () => {
  const slowDone = gate();
  const recorder = recordingHandler((msg) => {
    if (msg.type !== 'text') return { kind: 'none' };
    if (msg.text === '图') return { kind: 'markdown', content: '进度如下', images: [image()] };
    if (msg.text === '慢图') {
      return {
        kind: 'markdown',
        content: '正在汇总……',
        later: slowDone.promise.then(() => ({ content: '汇总如下', images: [image()] })),
      };
    }
    return { kind: 'markdown', content: 'echo' };
  });
  let bot: BotUnderTest;
  beforeAll(async () => {
    bot = await startBot(stores, { handler: recorder.handler, timing: { replyWaitMs: 1_000 } });
  });
  afterAll(() => bot.close());

  it('sends the image beside the text on a finished answer, and again on a repeat', async () => {
    const first = await bot.client.sendText({ userid: 'i1', text: '图', msgid: 'img-1' });
    const stream = (first.reply as StreamReply).stream;
    expect(stream.finish).toBe(true);
    expect(stream.content).toBe('进度如下');
    expect(stream.msg_item).toEqual([{ msgtype: 'image', image: image() }]);
    const again = await bot.client.sendText({ userid: 'i1', text: '图', msgid: 'img-1' });
    expect((again.reply as StreamReply).stream.msg_item).toEqual(stream.msg_item);
  });

  it('keeps the image off the open stream and puts it on the frame that finishes it', async () => {
    const first = await bot.client.sendText({ userid: 'i2', text: '慢图' });
    const open = (first.reply as StreamReply).stream;
    expect(open).toMatchObject({ finish: false, content: '正在汇总……' });
    expect(open.msg_item).toBeUndefined();
    const mid = await bot.client.refresh(open.id, { userid: 'i2' });
    expect((mid.reply as StreamReply).stream.msg_item).toBeUndefined();
    slowDone.open();
    const followed = await bot.client.followStream(first, { userid: 'i2' }, { intervalMs: 20 });
    expect(followed.final).toMatchObject({ finish: true, content: '汇总如下' });
    expect(followed.final?.msg_item).toEqual([{ msgtype: 'image', image: image() }]);
    expect(followed.frames.slice(0, -1).every((f) => f.msg_item === undefined)).toBe(true);
  });
});

describe('the callback client refuses what WeCom refuses', () => {
  const ok = streamReply({ id: 's', content: '好', finish: true, images: [image()] });
  const withItems = (finish: boolean, items: unknown[]) => ({
    msgtype: 'stream',
    stream: { id: 's', finish, content: '好', msg_item: items },
  });
  const item = (i: StreamImage) => ({ msgtype: 'image', image: i });

  it('takes PNG and JPG images with their md5 on the finished reply', () => {
    expect(passiveReplyProblem(ok)).toBeUndefined();
    const jpg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
    expect(passiveReplyProblem(withItems(true, [item(image(jpg))]))).toBeUndefined();
  });

  it('refuses images on an unfinished reply, a wrong md5, other formats, more than ten', () => {
    expect(passiveReplyProblem(withItems(false, [item(image())]))).toMatch(/finish/);
    expect(
      passiveReplyProblem(withItems(true, [item({ ...image(), md5: '0'.repeat(32) })])),
    ).toMatch(/md5/);
    const gif = Buffer.from('GIF89a……', 'utf8');
    expect(passiveReplyProblem(withItems(true, [item(image(gif))]))).toMatch(/PNG nor JPG/);
    expect(passiveReplyProblem(withItems(true, Array(11).fill(item(image()))))).toMatch(/10/);
    const big = Buffer.concat([PNG, Buffer.alloc(10 * 1024 * 1024)]);
    expect(passiveReplyProblem(withItems(true, [item(image(big))]))).toMatch(/size/);
  });

  it('never puts images on an unfinished stream reply it builds', () => {
    const open = streamReply({ id: 's', content: '…', finish: false, images: [image()] });
    expect(open.stream.msg_item).toBeUndefined();
    const many = streamReply({
      id: 's',
      content: '…',
      finish: true,
      images: Array(12).fill(image()),
    });
    expect(many.stream.msg_item).toHaveLength(10);
  });

  it('throws ReplyRefusedError when opening a sealed reply that breaks the rules', async () => {
    const bot = await startBot(stores);
    try {
      const crypto = new WeComCrypto({ token: TOKEN, encodingAesKey: AES_KEY, receiveId: '' });
      const bad = withItems(false, [item(image())]) as unknown as StreamReply;
      const envelope = sealReply(crypto, bad, 'n1', 1_700_000_000);
      expect(() => bot.client.openReply(envelope, 'n1')).toThrow(ReplyRefusedError);
      const good = sealReply(crypto, ok, 'n2', 1_700_000_000);
      expect(bot.client.openReply(good, 'n2')).toEqual(ok);
    } finally {
      await bot.close();
    }
  });
});
