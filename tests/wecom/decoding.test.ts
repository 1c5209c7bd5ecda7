import { describe, expect, it } from 'vitest';
import { CallbackDecodeError, decodeCallback, stripMention } from '../../src/wecom/incoming.js';
import { fitUtf8, streamReply, TRUNCATION_NOTE } from '../../src/wecom/replies.js';

const base = { msgid: 'm1', aibotid: 'bot', chattype: 'single', from: { userid: 'u' } };

describe('stripMention', () => {
  it.each([
    ['@RobotA hello robot', 'hello robot'],
    ['@法治助手 进度', '进度'],
    ['  @法治助手\u2005认领 矛盾纠纷化解 ', '认领 矛盾纠纷化解'],
    ['@法治助手', ''],
    ['进度 @法治助手', '进度 @法治助手'],
    ['email@example.com', 'email@example.com'],
  ])('%j → %j', (input, expected) => {
    expect(stripMention(input)).toBe(expected);
  });
});

describe('decodeCallback', () => {
  it('decodes an unknown msgtype as unsupported instead of refusing it', () => {
    expect(decodeCallback(JSON.stringify({ ...base, msgtype: 'location', location: {} }))).toEqual({
      msgid: 'm1',
      aibotid: 'bot',
      chattype: 'single',
      from: { userid: 'u' },
      type: 'unsupported',
      msgtype: 'location',
    });
  });

  it('keeps the message when the quote is of a kind it cannot read', () => {
    const m = decodeCallback(
      JSON.stringify({
        ...base,
        msgtype: 'text',
        text: { content: 'x' },
        quote: { msgtype: 'video' },
      }),
    );
    expect(m).toMatchObject({ type: 'text', quote: { type: 'unsupported', msgtype: 'video' } });
  });

  it('decodes a stream refresh and a video', () => {
    expect(
      decodeCallback(JSON.stringify({ ...base, msgtype: 'stream', stream: { id: 's9' } })),
    ).toMatchObject({
      type: 'stream_refresh',
      streamId: 's9',
    });
    expect(
      decodeCallback(
        JSON.stringify({ ...base, msgtype: 'video', video: { url: 'https://v.invalid' } }),
      ),
    ).toMatchObject({ type: 'video', url: 'https://v.invalid' });
  });

  it.each([
    ['an array', '[1,2]', 'callback: missing or of the wrong type'],
    [
      'a number as msgid',
      JSON.stringify({ ...base, msgid: 7, msgtype: 'text', text: { content: 'x' } }),
      'msgid: missing or of the wrong type',
    ],
    [
      'text without content',
      JSON.stringify({ ...base, msgtype: 'text', text: {} }),
      'text.content: missing or of the wrong type',
    ],
    [
      'an empty mixed',
      JSON.stringify({ ...base, msgtype: 'mixed', mixed: { msg_item: [] } }),
      'mixed.msg_item: invalid',
    ],
    [
      'a feedback rating of 9',
      JSON.stringify({
        ...base,
        msgtype: 'event',
        event: { eventtype: 'feedback_event', feedback_event: { id: 'f', type: 9 } },
      }),
      'event.feedback_event.type: invalid',
    ],
  ])('refuses %s with a short reason', (_what, plaintext, message) => {
    expect(() => decodeCallback(plaintext)).toThrow(new CallbackDecodeError('bad_shape', message));
  });
});

it('refuses a plaintext that is not JSON', () => {
  expect(() => decodeCallback('{"msgid":')).toThrow(
    new CallbackDecodeError('bad_json', 'callback is not JSON'),
  );
});

describe('fitUtf8', () => {
  it('leaves content within the limit alone', () => {
    expect(fitUtf8('法治', 6)).toBe('法治');
  });

  it('never splits a character, whatever its width', () => {
    const mixed = 'a法😀'.repeat(2_000);
    for (let limit = 40; limit < 80; limit++) {
      const out = fitUtf8(mixed, limit, '…');
      expect(Buffer.byteLength(out)).toBeLessThanOrEqual(limit);
      expect(out).not.toContain('\uFFFD');
      expect(mixed.startsWith(out.slice(0, -1))).toBe(true);
    }
  });

  it('cuts stream content to 20,480 bytes with the note', () => {
    const reply = streamReply({ id: 's', finish: true, content: '报'.repeat(10_000) });
    expect(Buffer.byteLength(reply.stream.content)).toBeLessThanOrEqual(20_480);
    expect(reply.stream.content.endsWith(TRUNCATION_NOTE)).toBe(true);
  });
});
