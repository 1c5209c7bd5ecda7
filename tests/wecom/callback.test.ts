import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { responderTexts } from '../../src/bot/texts/responder.js';
import { echoTexts } from '../../src/bot/texts/echo.js';
import type { StreamReply, StreamWithCardReply, TemplateCard } from '../../src/wecom/replies.js';
import { CONTENT_MAX_BYTES, TRUNCATION_NOTE } from '../../src/wecom/replies.js';
import { useStores } from '../support/stores.js';
import { recordingHandler, startBot, type BotUnderTest } from './harness.js';

const stores = useStores('wecomcallback');

const card: TemplateCard = {
  card_type: 'button_interaction',
  main_title: { title: '请选择章节' },
  button_list: [{ text: '一(三)', style: 1, key: 'pick_1_3' }],
  task_id: 'task_1',
};

describe('the default handler, end to end', () => {
  let bot: BotUnderTest;
  beforeAll(async () => {
    bot = await startBot(stores);
  });
  afterAll(() => bot.close());

  it('passes URL verification with the bot’s own credentials and an empty receiveId', async () => {
    const res = await bot.client.verifyUrl('1616140317555161061');
    expect(res).toEqual({ status: 200, body: '1616140317555161061', echo: '1616140317555161061' });
  });

  it('answers 帮助 with the menu in one finished stream, sealed with the callback nonce', async () => {
    const signed = bot.client.seal({
      chattype: 'single',
      from: { userid: 'zhangsan' },
      msgtype: 'text',
      text: { content: '帮助' },
    });
    const res = await bot.client.post(signed);
    expect(res.status).toBe(200);
    expect(res.envelope?.nonce).toBe(signed.query.nonce);
    expect(Math.abs(res.envelope!.timestamp - Date.now() / 1000)).toBeLessThan(120);
    const reply = res.reply as StreamReply;
    expect(reply.msgtype).toBe('stream');
    expect(reply.stream).toMatchObject({ finish: true, content: echoTexts.help });
    expect(reply.stream.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('echoes group text without the leading @mention', async () => {
    const res = await bot.client.sendText({
      userid: 'lisi',
      chattype: 'group',
      chatid: 'wrkSFfCgAAxxxx',
      mention: '法治助手',
      text: '进度 怎么样',
    });
    expect((res.reply as StreamReply).stream.content).toBe('收到：进度 怎么样');
  });

  it('welcomes a user entering the 1:1 chat with a text reply', async () => {
    const res = await bot.client.enterChat({ userid: 'wangwu' });
    expect(res.reply).toEqual({ msgtype: 'text', text: { content: echoTexts.welcome } });
  });

  it('answers feedback with an empty 200', async () => {
    const res = await bot.client.send({
      chattype: 'single',
      from: { userid: 'wangwu' },
      msgtype: 'event',
      event: { eventtype: 'feedback_event', feedback_event: { id: 'fb1', type: 1 } },
    });
    expect(res.status).toBe(200);
    expect(res.reply).toBeUndefined();
  });

  it('acknowledges an unknown event type with an empty 200', async () => {
    const res = await bot.client.send({
      chattype: 'single',
      from: { userid: 'wangwu' },
      msgtype: 'event',
      event: { eventtype: 'some_future_event' },
    });
    expect(res.status).toBe(200);
    expect(res.reply).toBeUndefined();
  });

  it('finishes a refresh of a stream it does not know with a short note', async () => {
    const res = await bot.client.refresh('no-such-stream', { userid: 'zhangsan' });
    expect((res.reply as StreamReply).stream).toEqual({
      id: 'no-such-stream',
      finish: true,
      content: '该消息已过期，请重新发送。',
    });
  });

  it('does not show one user’s stream to another', async () => {
    const first = await bot.client.sendText({ userid: 'owner', text: '你好' });
    const id = (first.reply as StreamReply).stream.id;
    const own = await bot.client.refresh(id, { userid: 'owner' });
    expect((own.reply as StreamReply).stream.content).toBe('收到：你好');
    const other = await bot.client.refresh(id, { userid: 'intruder' });
    expect((other.reply as StreamReply).stream.content).toBe('该消息已过期，请重新发送。');
  });
});

describe('what reaches the handler, and how its results are answered', () => {
  const recorder = recordingHandler(async (msg) => {
    if (msg.type === 'text' && msg.text === '长文') {
      return { kind: 'markdown', content: '法治'.repeat(6_000) };
    }
    if (msg.type === 'text' && msg.text === '选章节') {
      return { kind: 'card', card, content: '请选择：' };
    }
    if (msg.type === 'text' && msg.text === '静默') return { kind: 'none' };
    if (msg.type === 'text' && msg.text === '评价') {
      return { kind: 'markdown', content: '可以评价', feedbackId: 'fb-42' };
    }
    if (msg.type === 'template_card_event') {
      return {
        kind: 'update_card',
        card: { ...card, main_title: { title: '已选择' } },
        userids: ['zhaoliu'],
      };
    }
    if (msg.type === 'enter_chat') return { kind: 'card', card };
    if (msg.type === 'feedback_event') return { kind: 'markdown', content: 'ignored' };
    return { kind: 'markdown', content: `type:${msg.type}` };
  });
  let bot: BotUnderTest;
  beforeAll(async () => {
    bot = await startBot(stores, { handler: recorder.handler });
  });
  afterAll(() => bot.close());

  const last = () => recorder.calls.at(-1)!;

  it('maps every message type to one plain IncomingMessage', async () => {
    const from = { userid: 'zhaoliu', corpid: 'wwcorp' };
    const group = {
      chattype: 'group',
      chatid: 'chat1',
      from,
      response_url: 'https://example.invalid/r?response_code=1',
    };

    await bot.client.send({
      msgid: 'm-text',
      ...group,
      msgtype: 'text',
      text: { content: '@RobotA  填写 一(三)' },
      quote: { msgtype: 'text', text: { content: '上一条' } },
    });
    expect(last()).toEqual({
      msgid: 'm-text',
      aibotid: 'simulated-aibot',
      chattype: 'group',
      chatid: 'chat1',
      from,
      responseUrl: 'https://example.invalid/r?response_code=1',
      type: 'text',
      text: '填写 一(三)',
      rawText: '@RobotA  填写 一(三)',
      quote: { type: 'text', text: '上一条' },
    });

    await bot.client.send({
      ...group,
      msgtype: 'mixed',
      mixed: {
        msg_item: [
          { msgtype: 'text', text: { content: '@RobotA 看图' } },
          { msgtype: 'image', image: { url: 'https://example.invalid/img' } },
          { msgtype: 'text', text: { content: '@别人 不动' } },
        ],
      },
    });
    expect(last()).toMatchObject({
      type: 'mixed',
      items: [
        { type: 'text', text: '看图' },
        { type: 'image', url: 'https://example.invalid/img' },
        { type: 'text', text: '@别人 不动' },
      ],
    });

    await bot.client.send({
      chattype: 'single',
      from,
      msgtype: 'voice',
      voice: { content: ' 语音内容 ' },
    });
    expect(last()).toMatchObject({ type: 'voice', text: '语音内容', chattype: 'single' });
    expect(last()).not.toHaveProperty('chatid');

    await bot.client.send({
      chattype: 'single',
      from,
      msgtype: 'image',
      image: { url: 'https://e.invalid/i' },
    });
    expect(last()).toMatchObject({ type: 'image', url: 'https://e.invalid/i' });

    await bot.client.send({
      chattype: 'single',
      from,
      msgtype: 'file',
      file: { url: 'https://e.invalid/f' },
    });
    expect(last()).toMatchObject({ type: 'file', url: 'https://e.invalid/f' });

    await bot.client.send({
      chattype: 'single',
      from,
      msgtype: 'text',
      text: { content: '@不是提及' },
    });
    expect(last()).toMatchObject({ type: 'text', text: '@不是提及' });

    await bot.client.send({
      chattype: 'single',
      from,
      create_time: 1_700_000_000,
      msgtype: 'event',
      event: {
        eventtype: 'template_card_event',
        template_card_event: {
          card_type: 'vote_interaction',
          event_key: 'submit',
          task_id: 'task_1',
          selected_items: {
            selected_item: [{ question_key: 'q1', option_ids: { option_id: ['a', 'b'] } }],
          },
        },
      },
    });
    expect(last()).toMatchObject({
      type: 'template_card_event',
      createTime: 1_700_000_000,
      cardType: 'vote_interaction',
      eventKey: 'submit',
      taskId: 'task_1',
      selectedItems: [{ questionKey: 'q1', optionIds: ['a', 'b'] }],
    });

    await bot.client.send({
      chattype: 'single',
      from,
      msgtype: 'event',
      event: {
        eventtype: 'feedback_event',
        feedback_event: { id: 'fb-42', type: 2, content: '数字不对', inaccurate_reason_list: [3] },
      },
    });
    expect(last()).toMatchObject({
      type: 'feedback_event',
      feedbackId: 'fb-42',
      rating: 2,
      comment: '数字不对',
      inaccurateReasons: [3],
    });
  });

  it('cuts an over-long answer at a character boundary, with a note, within 20,480 bytes', async () => {
    const res = await bot.client.sendText({ userid: 'zhaoliu', text: '长文' });
    const content = (res.reply as StreamReply).stream.content;
    expect(Buffer.byteLength(content, 'utf8')).toBeLessThanOrEqual(CONTENT_MAX_BYTES);
    expect(content.endsWith(TRUNCATION_NOTE)).toBe(true);
    expect(content).not.toContain('\uFFFD');
    expect(content.startsWith('法治法治')).toBe(true);
  });

  it('sends a card with the finished stream once, not again on refresh', async () => {
    const res = await bot.client.sendText({ userid: 'zhaoliu', text: '选章节' });
    const reply = res.reply as StreamWithCardReply;
    expect(reply.msgtype).toBe('stream_with_template_card');
    expect(reply.template_card).toEqual(card);
    expect(reply.stream).toMatchObject({ finish: true, content: '请选择：' });
    const again = await bot.client.refresh(reply.stream.id, { userid: 'zhaoliu' });
    expect(again.reply).toEqual({ msgtype: 'stream', stream: reply.stream });
  });

  it('answers a card click with update_template_card', async () => {
    const res = await bot.client.send({
      chattype: 'single',
      from: { userid: 'zhaoliu' },
      msgtype: 'event',
      event: {
        eventtype: 'template_card_event',
        template_card_event: {
          card_type: 'button_interaction',
          event_key: 'pick_1_3',
          task_id: 'task_1',
        },
      },
    });
    expect(res.reply).toEqual({
      response_type: 'update_template_card',
      userids: ['zhaoliu'],
      template_card: { ...card, main_title: { title: '已选择' } },
    });
  });

  it('answers enter_chat with a template card when the handler gives one', async () => {
    const res = await bot.client.enterChat({ userid: 'zhaoliu' });
    expect(res.reply).toEqual({ msgtype: 'template_card', template_card: card });
  });

  it('answers feedback with an empty 200 whatever the handler returns', async () => {
    const res = await bot.client.send({
      chattype: 'single',
      from: { userid: 'zhaoliu' },
      msgtype: 'event',
      event: { eventtype: 'feedback_event', feedback_event: { id: 'x', type: 1 } },
    });
    expect(res.status).toBe(200);
    expect(res.reply).toBeUndefined();
    expect(last().type).toBe('feedback_event');
  });

  it('answers "nothing" with an empty 200', async () => {
    const res = await bot.client.sendText({ userid: 'zhaoliu', text: '静默' });
    expect(res.status).toBe(200);
    expect(res.reply).toBeUndefined();
  });

  it('carries a feedback id on the stream', async () => {
    const res = await bot.client.sendText({ userid: 'zhaoliu', text: '评价' });
    expect((res.reply as StreamReply).stream).toMatchObject({
      content: '可以评价',
      finish: true,
      feedback: { id: 'fb-42' },
    });
  });

  it('never shows the placeholder for a quick answer', async () => {
    const res = await bot.client.sendText({ userid: 'zhaoliu', text: '快' });
    expect((res.reply as StreamReply).stream.content).not.toBe(responderTexts.placeholder);
  });
});
