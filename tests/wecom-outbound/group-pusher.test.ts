import { describe, expect, it } from 'vitest';
import {
  GroupPusher,
  LocalBrokenTargets,
  RedisBrokenTargets,
  RedisRateGate,
  secretHash,
  WebhookClient,
  WebhookQueueFullError,
  WebhookTargetBrokenError,
  WeComApiError,
  WeComHttp,
  type BackoffPolicy,
  type BrokenTargets,
  type RateGate,
} from '../../src/wecom/outbound/index.js';
import { useStores } from '../support/stores.js';
import { maxInWindow, useWeComStandin, VirtualClock } from '../support/wecom-standin.js';

const stores = useStores('wecom-pusher');
const clock = new VirtualClock();
const MINUTE = 60_000;
/** Stand-in and gate share the virtual clock, so WeCom's window and ours are the same one. */
const standin = useWeComStandin({ now: clock.now, webhookRate: { limit: 20, windowMs: MINUTE } });

interface Setup {
  gate?: RateGate;
  broken?: BrokenTargets;
  onTargetBroken?: (targetId: string, errcode: number) => void;
  rateLimitRetry?: BackoffPolicy;
  maxPending?: number;
}

function pusher(setup: Setup = {}) {
  const http = new WeComHttp({
    sleep: clock.sleep,
    retry: { maxRetries: 3, baseDelayMs: 100, maxDelayMs: 1_000, jitter: 0 },
  });
  return new GroupPusher({
    client: new WebhookClient({ apiBase: standin.current.baseUrl, http }),
    gate:
      setup.gate ??
      new RedisRateGate(stores.redis, { window: { limit: 20, windowMs: MINUTE }, now: clock.now }),
    broken: setup.broken ?? new RedisBrokenTargets(stores.redis),
    onTargetBroken: setup.onTargetBroken,
    rateLimitRetry: setup.rateLimitRetry,
    maxPending: setup.maxPending,
    sleep: clock.sleep,
    now: clock.now,
  });
}

function target(label: string) {
  return { id: `org-${label}`, key: standin.current.registerKey(undefined, label) };
}

function sendTimes(key: string): number[] {
  return standin.current.requestsTo('webhook/send', key).map((r) => r.at);
}

describe('GroupPusher: the per-key queue and rate gate', () => {
  it('keeps a burst of 45 messages under 20 per minute, in order, with no 45009', async () => {
    const t = target('burst');
    const p = pusher();
    await Promise.all(Array.from({ length: 45 }, (_, i) => p.sendText(t, `提醒 ${i + 1}`)));
    const requests = standin.current.requestsTo('webhook/send', t.key);
    expect(requests.map((r) => r.errcode)).toEqual(Array(45).fill(0));
    expect(
      standin.current.webhookMessages(t.key).map((m) => (m.text as { content: string }).content),
    ).toEqual(Array.from({ length: 45 }, (_, i) => `提醒 ${i + 1}`));
    const times = sendTimes(t.key);
    expect(maxInWindow(times, MINUTE)).toBe(20);
    // 45 messages at 20 per minute need two full windows of waiting.
    expect(times.at(-1)! - times[0]!).toBeGreaterThanOrEqual(2 * MINUTE);
  });

  it('shares one window between two bot instances through Redis', async () => {
    const t = target('shared');
    const a = pusher();
    const b = pusher();
    await Promise.all([
      ...Array.from({ length: 15 }, (_, i) => a.sendText(t, `A${i}`)),
      ...Array.from({ length: 15 }, (_, i) => b.sendText(t, `B${i}`)),
    ]);
    const requests = standin.current.requestsTo('webhook/send', t.key);
    expect(requests).toHaveLength(30);
    expect(requests.filter((r) => r.errcode === 45009)).toEqual([]);
    expect(maxInWindow(sendTimes(t.key), MINUTE)).toBeLessThanOrEqual(20);
  });

  it('does not let one key’s queue hold up another key', async () => {
    const busy = target('busy');
    const quiet = target('quiet');
    const p = pusher();
    const busySends = Array.from({ length: 21 }, (_, i) => p.sendText(busy, `忙${i}`));
    await p.sendText(quiet, '不受影响');
    // The quiet key's message went out before the busy key's 21st had its slot.
    const quietAt = sendTimes(quiet.key)[0]!;
    await Promise.all(busySends);
    expect(sendTimes(busy.key).at(-1)!).toBeGreaterThan(quietAt);
  });

  it('refuses more waiting messages than maxPending', async () => {
    const t = target('full');
    const p = pusher({ maxPending: 2 });
    const first = p.sendText(t, '一');
    const second = p.sendText(t, '二');
    await expect(p.sendText(t, '三')).rejects.toBeInstanceOf(WebhookQueueFullError);
    await Promise.all([first, second]);
    expect(standin.current.webhookMessages(t.key)).toHaveLength(2);
  });
});

describe('GroupPusher: errcode 45009', () => {
  it('backs off and then delivers', async () => {
    const t = target('limited');
    // Another sender (say, a person's script) used the key's whole minute.
    standin.current.exhaustRate(t.key);
    const sleepsBefore = clock.sleeps.length;
    await pusher({
      rateLimitRetry: { maxRetries: 3, baseDelayMs: MINUTE, maxDelayMs: 4 * MINUTE, jitter: 0 },
    }).sendText(t, '稍后送达');
    expect(standin.current.requestsTo('webhook/send', t.key).map((r) => r.errcode)).toEqual([
      45009, 0,
    ]);
    expect(clock.sleeps.slice(sleepsBefore)).toEqual([MINUTE]);
    expect(standin.current.webhookMessages(t.key)).toHaveLength(1);
  });

  it('gives up after a bounded number of 45009s', async () => {
    const t = target('always-limited');
    standin.current.failNext('webhook/send', 45009, 3);
    const err = await pusher({
      rateLimitRetry: { maxRetries: 2, baseDelayMs: 1_000, maxDelayMs: 4_000, jitter: 0 },
    })
      .sendText(t, '发不出去')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WeComApiError);
    expect(err).toMatchObject({ errcode: 45009 });
    expect(standin.current.requestsTo('webhook/send', t.key)).toHaveLength(3);
  });
});

describe('GroupPusher: broken targets (93000 / 93004 / 93008)', () => {
  it('marks a removed robot broken, calls the hook once, then fails fast', async () => {
    const t = target('removed');
    standin.current.removeKey(t.key);
    const calls: Array<[string, number]> = [];
    const p = pusher({ onTargetBroken: (id, errcode) => void calls.push([id, errcode]) });
    const results = await Promise.allSettled([
      p.sendText(t, '第一条'),
      p.sendText(t, '第二条'),
      p.sendMarkdown(t, '第三条'),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    for (const r of results) {
      expect((r as PromiseRejectedResult).reason).toBeInstanceOf(WebhookTargetBrokenError);
      expect((r as PromiseRejectedResult).reason).toMatchObject({
        targetId: t.id,
        errcode: 93000,
      });
    }
    expect(calls).toEqual([[t.id, 93000]]);
    // Only the first message reached WeCom; the rest failed fast.
    expect(standin.current.requestsTo('webhook/send', t.key)).toHaveLength(1);
    await expect(p.sendText(t, '之后')).rejects.toBeInstanceOf(WebhookTargetBrokenError);
    expect(standin.current.requestsTo('webhook/send', t.key)).toHaveLength(1);
    expect(calls).toHaveLength(1);
  });

  it('stores only a hash of the key in Redis', async () => {
    const t = target('hashed');
    standin.current.disableKey(t.key);
    const p = pusher();
    await expect(p.sendText(t, '被停用')).rejects.toMatchObject({ errcode: 93004 });
    const keys = await stores.redis.keys(`${stores.keyPrefix}*`);
    expect(keys.some((k) => k.includes(secretHash(t.key)))).toBe(true);
    for (const k of keys) {
      expect(k).not.toContain(t.key);
      const type = await stores.redis.type(k.slice(stores.keyPrefix.length));
      if (type === 'string') {
        expect(await stores.redis.get(k.slice(stores.keyPrefix.length))).not.toContain(t.key);
      }
    }
    expect(await p.brokenStatus(t)).toMatchObject({ targetId: t.id, errcode: 93004 });
  });

  it('calls the hook once across two instances sharing Redis', async () => {
    const t = target('disabled-shared');
    standin.current.disableKey(t.key);
    const calls: number[] = [];
    const hook = (_id: string, errcode: number) => void calls.push(errcode);
    const a = pusher({ onTargetBroken: hook });
    const b = pusher({ onTargetBroken: hook });
    await Promise.allSettled([a.sendText(t, 'A'), b.sendText(t, 'B')]);
    expect(calls).toEqual([93004]);
    await expect(b.sendText(t, '再试')).rejects.toBeInstanceOf(WebhookTargetBrokenError);
  });

  it('treats 93008 (robot not in the group) the same way', async () => {
    const t = target('left');
    standin.current.leaveGroup(t.key);
    const calls: number[] = [];
    const p = pusher({
      broken: new LocalBrokenTargets(),
      onTargetBroken: (_id, errcode) => void calls.push(errcode),
    });
    await expect(p.sendText(t, '不在群里')).rejects.toBeInstanceOf(WebhookTargetBrokenError);
    expect(calls).toEqual([93008]);
  });

  it('sends again once the target is re-set', async () => {
    const t = target('reset');
    standin.current.removeKey(t.key);
    const p = pusher();
    await expect(p.sendText(t, '失败')).rejects.toBeInstanceOf(WebhookTargetBrokenError);
    standin.current.enableKey(t.key);
    await expect(p.sendText(t, '仍被拦下')).rejects.toBeInstanceOf(WebhookTargetBrokenError);
    await p.reset(t);
    await p.sendText(t, '恢复了');
    expect(standin.current.webhookMessages(t.key)).toEqual([
      { msgtype: 'text', text: { content: '恢复了' } },
    ]);
    expect(await p.brokenStatus(t)).toBeUndefined();
  });

  it('does not fail a send because the hook threw', async () => {
    const t = target('hook-throws');
    standin.current.removeKey(t.key);
    const p = pusher({
      onTargetBroken: () => {
        throw new Error('admin notification failed');
      },
    });
    await expect(p.sendText(t, 'x')).rejects.toBeInstanceOf(WebhookTargetBrokenError);
  });
});

describe('GroupPusher.sendFile', () => {
  it('uploads, then sends the file message, inside the key’s queue', async () => {
    const t = target('file');
    const p = pusher();
    const before = p.sendText(t, '草稿如下：');
    const media = await p.sendFile(t, {
      filename: '草稿.docx',
      data: new TextEncoder().encode('docx bytes here'),
    });
    await before;
    expect(standin.current.webhookMessages(t.key)).toEqual([
      { msgtype: 'text', text: { content: '草稿如下：' } },
      { msgtype: 'file', file: { media_id: media.mediaId } },
    ]);
    expect(standin.current.uploads(t.key).map((u) => u.filename)).toEqual(['草稿.docx']);
  });

  it('marks the target broken when the upload answers 93000', async () => {
    const t = target('file-removed');
    standin.current.removeKey(t.key);
    const calls: number[] = [];
    const p = pusher({ onTargetBroken: (_id, errcode) => void calls.push(errcode) });
    await expect(
      p.sendFile(t, { filename: 'a.docx', data: new Uint8Array(100) }),
    ).rejects.toBeInstanceOf(WebhookTargetBrokenError);
    expect(calls).toEqual([93000]);
  });
});
