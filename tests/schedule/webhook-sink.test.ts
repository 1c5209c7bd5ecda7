import { describe, expect, it } from 'vitest';
import { ReminderNotSentError } from '../../src/schedule/ports.js';
import { classifySendError, WebhookReminderSink } from '../../src/schedule/webhook-sink.js';
import {
  GroupPusher,
  RedisBrokenTargets,
  RedisRateGate,
  WebhookClient,
  WebhookTargetBrokenError,
  WeComApiError,
  WeComHttp,
  WeComNetworkError,
  type WebhookTarget,
} from '../../src/wecom/outbound/index.js';
import { useStores } from '../support/stores.js';
import { useWeComStandin, VirtualClock } from '../support/wecom-standin.js';

const stores = useStores('webhook-sink');
const clock = new VirtualClock();
const standin = useWeComStandin({ now: clock.now });

function pusher(): GroupPusher {
  const http = new WeComHttp({
    sleep: clock.sleep,
    retry: { maxRetries: 1, baseDelayMs: 10, maxDelayMs: 10, jitter: 0 },
  });
  return new GroupPusher({
    client: new WebhookClient({ apiBase: standin.current.baseUrl, http }),
    gate: new RedisRateGate(stores.redis, { now: clock.now }),
    broken: new RedisBrokenTargets(stores.redis),
    sleep: clock.sleep,
    now: clock.now,
  });
}

function sink(target: WebhookTarget | undefined, p: Pick<GroupPusher, 'sendText'> = pusher()) {
  return new WebhookReminderSink({
    pusher: p,
    targetOf: async () => target,
    leadersOf: async () => ['shuji', 'zhenzhang'],
  });
}

const reminder = {
  text: '【提醒】距离《报告》截止还有3个工作日（2月26日）。',
  mentionedUserids: ['zhangsan'],
};

describe('WebhookReminderSink', () => {
  it('sends a text with mentioned_list, then the digest mentioning the leaders', async () => {
    const key = standin.current.registerKey(undefined, 'group');
    await sink({ id: 'org-1', key }).send('r1', reminder, '【进度】共4项，已完成1项');
    expect(standin.current.webhookMessages(key)).toEqual([
      { msgtype: 'text', text: { content: reminder.text, mentioned_list: ['zhangsan'] } },
      {
        msgtype: 'text',
        text: { content: '【进度】共4项，已完成1项', mentioned_list: ['shuji', 'zhenzhang'] },
      },
    ]);
  });

  it('says "not sent, do not retry" when no webhook is set or WeCom says the robot is gone', async () => {
    await expect(sink(undefined).send('r1', reminder)).rejects.toMatchObject({
      name: 'ReminderNotSentError',
      retryable: false,
    });
    const key = standin.current.registerKey(undefined, 'removed');
    standin.current.removeKey(key);
    await expect(sink({ id: 'org-2', key }).send('r1', reminder)).rejects.toMatchObject({
      name: 'ReminderNotSentError',
      retryable: false,
    });
  });

  it('does not fail the reminder when only the digest fails', async () => {
    const texts: string[] = [];
    const flaky = {
      sendText: async (_t: WebhookTarget, content: string) => {
        texts.push(content);
        if (texts.length > 1) throw new WeComApiError('webhook/send', 45009, 'rate limited');
      },
    };
    await expect(
      sink({ id: 'org-3', key: 'k' }, flaky).send('r1', reminder, 'digest'),
    ).resolves.toBeUndefined();
    expect(texts).toEqual([reminder.text, 'digest']);
  });
});

describe('classifySendError', () => {
  it('tells certainly-not-sent from maybe-sent', () => {
    const certain = (e: Error) => classifySendError(e) instanceof ReminderNotSentError;
    const retryable = (e: Error) => (classifySendError(e) as ReminderNotSentError).retryable;
    expect(retryable(new WeComApiError('webhook/send', 45009, 'limit'))).toBe(true);
    expect(retryable(new WeComApiError('webhook/send', 44004, 'empty'))).toBe(false);
    expect(retryable(new WebhookTargetBrokenError('org', 93000))).toBe(false);
    expect(retryable(new WeComNetworkError('webhook/send', 'connection', 'ECONNREFUSED', 3))).toBe(
      true,
    );
    // A timeout or a reset may have delivered it: passed through, never retried.
    expect(certain(new WeComNetworkError('webhook/send', 'timeout', '10000ms', 3))).toBe(false);
    expect(certain(new WeComNetworkError('webhook/send', 'connection', 'ECONNRESET', 3))).toBe(
      false,
    );
  });
});
