import { describe, expect, it } from 'vitest';
import { createMessageHandler } from '../../src/bot/message-handler.js';
import { Notices } from '../../src/bot/notices.js';
import type { HandledMessage } from '../../src/bot/responder/handler.js';
import { useStores } from '../support/stores.js';

const stores = useStores('notices');

const text = (msgid: string, userid = 'admin'): HandledMessage => ({
  type: 'text',
  msgid,
  aibotid: 'aibot',
  chattype: 'single',
  from: { userid },
  text: '进度',
  rawText: '进度',
});

describe('notices shown with the next answer', () => {
  it('go out once, and again only with a re-run of the same message', async () => {
    const notices = new Notices(stores.redis, 'notice-test-1:');
    await notices.add('admin', '推送机器人已失效');
    await notices.add('admin', '第二条提醒');
    expect(await notices.take('admin', 'm1')).toEqual(['推送机器人已失效', '第二条提醒']);
    // The same message run again (taken over after a crash): the same notices, not none.
    expect(await notices.take('admin', 'm1')).toEqual(['推送机器人已失效', '第二条提醒']);
    // The next message: they were shown already.
    expect(await notices.take('admin', 'm2')).toEqual([]);
    await notices.add('admin', '第三条');
    expect(await notices.take('admin', 'm2')).toEqual([]);
    expect(await notices.take('admin', 'm3')).toEqual(['第三条']);
  });

  it('stay in the answer when the turn is run again', async () => {
    const notices = new Notices(stores.redis, 'notice-test-2:');
    await notices.add('admin', '⚠️ 推送机器人已失效');
    let runs = 0;
    const handler = createMessageHandler({
      chat: {
        handle: async () => {
          runs += 1;
          return { replies: ['进度：3/6'] };
        },
      },
      notices,
    });
    const first = await handler(text('crashy'));
    const rerun = await handler(text('crashy'));
    expect(runs).toBe(2);
    expect(first).toMatchObject({
      kind: 'markdown',
      content: expect.stringContaining('推送机器人已失效'),
    });
    expect(rerun).toEqual(first);
    const next = await handler(text('later'));
    expect(next).toMatchObject({ kind: 'markdown', content: '进度：3/6' });
  });
});
