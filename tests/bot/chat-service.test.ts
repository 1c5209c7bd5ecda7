import { describe, expect, it } from 'vitest';
import { ChatService } from '../../src/bot/chat-service.js';
import { ScopeCache } from '../../src/bot/scope-cache.js';
import type { Turn } from '../../src/chat/types.js';
import { createLogger } from '../../src/logger.js';
import { createRepositories, type Repositories } from '../../src/store/repositories.js';
import { loadTemplates } from '../../src/store/template-files.js';
import { useStores } from '../support/stores.js';

/**
 * The adapter between the pure engine and the store, on the real store: a turn replayed with the
 * same msgid (WeCom re-sent it after a crash) applies nothing twice, and of two people claiming
 * one section at the same moment exactly one gets it while the other is told who holds it.
 */
const stores = useStores('chat_service');
const templates = loadTemplates();
const log = createLogger('silent');
let seq = 0;

async function setup(chatId: string): Promise<{
  repos: Repositories;
  chat: ChatService;
  say: (userid: string, text: string, msgid?: string) => Promise<string>;
}> {
  const repos = await createRepositories(stores.mongo);
  const changed: string[] = [];
  const chat = new ChatService({
    repos,
    templates,
    handlers: {},
    log,
    events: { changed: async (id) => changed.push(id) },
  });
  const say = async (userid: string, text: string, msgid = `m${++seq}`) => {
    const turn: Turn = { userid, chatType: 'group', chatId, text, now: new Date() };
    return (await chat.handle(msgid, turn)).replies.join('\n');
  };
  await say('admin', '新建 青石镇 2026年度法治政府建设情况报告 截止 2027-02-26');
  return { repos, chat, say };
}

describe('ChatService on the real store', () => {
  it('applies a replayed turn once', async () => {
    const { repos, say } = await setup('chat-replay');
    await say('zhang', '认领 矛盾纠纷');
    await say('zhang', '填写 一(五)');
    await say('zhang', '每月排查一次');
    const first = await say('zhang', '42起', 'replayed-msgid');
    expect(first).toMatch(/已记录：42起/);
    // The same callback again (the user's queue serialises it after the first one).
    await say('zhang', '42起', 'replayed-msgid');
    const [report] = await repos.reports.all();
    const answers = (await repos.answers.history(report!.id)).filter(
      (a) => a.value.kind === 'number',
    );
    expect(answers).toHaveLength(1);
  });

  it('answers a turn re-run after its dialog save with the recorded reply, the dialog where it was', async () => {
    const { repos, say } = await setup('chat-rerun');
    await say('qian', '认领 矛盾纠纷');
    await say('qian', '填写 一(五)');
    const first = await say('qian', '每季度开展一次矛盾纠纷大排查', 'rerun-msgid');
    const again = await say('qian', '每季度开展一次矛盾纠纷大排查', 'rerun-msgid');
    expect(again).toBe(first);
    // The next answer goes to the next question, not one further on.
    expect(await say('qian', '37起')).toMatch(/已记录：37起/);
    const [report] = (await repos.reports.all()).filter((r) =>
      r.sections.some((s) => s.assignee === 'qian'),
    );
    const raws = (await repos.answers.history(report!.id)).map((a) => a.raw);
    expect(raws.filter((r) => r === '每季度开展一次矛盾纠纷大排查')).toHaveLength(1);
    expect(raws.filter((r) => r === '37起')).toHaveLength(1);
  });

  it('takes over the dialog version its own crashed run had claimed, instead of failing (F2)', async () => {
    const { repos, say } = await setup('chat-f2');
    await say('sun', '认领 矛盾纠纷');
    await say('sun', '填写 一(五)');
    const head = await repos.dialogs.load('sun');
    // The crashed run got as far as claiming the next version: its claim is fresh.
    await stores.mongo
      .collection('dialog_claims')
      .insertOne({ _id: `sun#${head!.version + 1}` as never, at: new Date(), owner: 'f2-msgid' });
    const reply = await say('sun', '每月排查一次', 'f2-msgid');
    expect(reply).not.toMatch(/出了点问题/);
    expect((await repos.dialogs.load('sun'))!.version).toBe(head!.version + 1);
  });

  it('gives a section to exactly one of two simultaneous claimants', async () => {
    const { repos, say } = await setup('chat-claim');
    const replies = await Promise.all([say('wang', '认领 普法'), say('li', '认领 普法')]);
    const won = replies.filter((r) => /由你负责/.test(r));
    expect(won).toHaveLength(1);
    const [report] = (await repos.reports.all()).filter((r) =>
      r.sections.some((s) => s.assignee === 'wang' || s.assignee === 'li'),
    );
    const holder = report!.sections.find((s) => s.sectionId === '1.6')!.assignee;
    expect(['wang', 'li']).toContain(holder);
    const loser = holder === 'wang' ? replies[1]! : replies[0]!;
    expect(loser).toContain(`刚被 ${holder} 认领了`);
  });

  it('two instances with their own caches see each other’s writes on the next turn', async () => {
    const repos = await createRepositories(stores.mongo);
    const instance = () =>
      new ChatService({
        repos,
        templates,
        handlers: {},
        log,
        cache: new ScopeCache(stores.redis),
      });
    const a = instance();
    const b = instance();
    const say = async (chat: ChatService, userid: string, text: string) => {
      const turn: Turn = { userid, chatType: 'group', chatId: 'chat-two', text, now: new Date() };
      return (await chat.handle(`m${++seq}`, turn)).replies.join('\n');
    };
    await say(a, 'admin', '新建 青石镇 2026年度法治政府建设情况报告 截止 2027-02-26');
    expect(await say(b, 'zhou', '进度')).toMatch(/0\/12/);
    for (const text of [
      '认领 普法',
      '填写 一(六)',
      '普法进村',
      '25场次',
      '跳过',
      '跳过',
      '跳过',
      '无',
    ]) {
      await say(a, 'zhou', text);
    }
    expect(await say(b, 'zhou', '进度')).toMatch(/1\/12/);
    expect(await say(b, 'wu', '进度')).toMatch(/✅ 一（六）普法与基层依法治理 · zhou/);
  });

  it('makes a turn’s slow requests again when it is re-run after its dialog save (a takeover)', async () => {
    const repos = await createRepositories(stores.mongo);
    const asked: string[] = [];
    const chat = new ChatService({
      repos,
      templates,
      log,
      handlers: {
        requestDraft: async (req, ctx) => {
          asked.push(`${ctx?.turnKey} ${req.at instanceof Date}`);
          return ['草稿第1版已生成'];
        },
      },
    });
    const turn = (text: string): Turn => ({
      userid: 'admin',
      chatType: 'group',
      chatId: 'chat-slow-rerun',
      text,
      now: new Date(),
    });
    await chat.handle(
      `m${++seq}`,
      turn('新建 青石镇 2026年度法治政府建设情况报告 截止 2027-02-26'),
    );
    await chat.handle(`m${++seq}`, turn('填写 一(五)'));
    const first = await chat.handle('slow-rerun', turn('生成草稿'));
    expect(await first.later).toEqual(['草稿第1版已生成']);
    // The turn ran to its dialog save: a re-run answers from there...
    expect((await repos.dialogs.load('admin'))?.lastTurn?.key).toBe('slow-rerun');
    const again = await chat.handle('slow-rerun', turn('生成草稿'));
    expect(again.replies).toEqual(first.replies);
    // ...and makes the slow request again, for the same turn, its time a Date again.
    expect(await again.later).toEqual(['草稿第1版已生成']);
    expect(asked).toEqual(['slow-rerun true', 'slow-rerun true']);
  });

  it('runs a request that writes inside the turn, and a read-only one after it, bumping the cache once', async () => {
    const repos = await createRepositories(stores.mongo);
    const bumps: string[][] = [];
    const counted = new (class extends ScopeCache {
      override async bump(ids: Iterable<string>): Promise<void> {
        bumps.push([...ids]);
        return super.bump(ids);
      }
    })(stores.redis);
    const order: string[] = [];
    const chat = new ChatService({
      repos,
      templates,
      log,
      cache: counted,
      handlers: {
        joinCounty: async (req) => {
          order.push(`join ${req.code}`);
          return ['✅ 已加入全县汇总'];
        },
        requestSummary: async () => {
          order.push('summary');
          return ['汇总在此'];
        },
      },
    });
    const turn = (text: string): Turn => ({
      userid: 'admin',
      chatType: 'group',
      chatId: 'chat-requests',
      text,
      now: new Date(),
    });
    await chat.handle(
      `m${++seq}`,
      turn('新建 青石镇 2026年度法治政府建设情况报告 截止 2027-02-26'),
    );
    bumps.length = 0;

    const joined = await chat.handle(`m${++seq}`, turn('加入 ABCD2345'));
    // Done before the turn gives up its place: no later part, the reply carries the result.
    expect(joined.later).toBeUndefined();
    expect(joined.replies.join('\n')).toMatch(/正在用邀请码 ABCD2345[\s\S]*已加入全县汇总/);
    expect(order).toEqual(['join ABCD2345']);
    expect(bumps).toHaveLength(1);

    const summary = await chat.handle(`m${++seq}`, turn('汇总'));
    expect(summary.later).toBeDefined();
    expect(await summary.later).toEqual(['汇总在此']);
    expect(order).toEqual(['join ABCD2345', 'summary']);
    // A read-only request writes nothing the cache holds: no second bump after it.
    expect(bumps).toHaveLength(1);
  });
});
