import { describe, expect, it } from 'vitest';
import { ChatService } from '../../src/bot/chat-service.js';
import { loadScope } from '../../src/bot/context.js';
import { ScopeCache, type CachedScope } from '../../src/bot/scope-cache.js';
import type { Turn } from '../../src/chat/types.js';
import { createLogger } from '../../src/logger.js';
import { createRepositories, type Repositories } from '../../src/store/repositories.js';
import { loadTemplates } from '../../src/store/template-files.js';
import { useStores } from '../support/stores.js';

/**
 * The writer keeps its cached scope fresh by folding its own writes in (bot/scope-fold.ts)
 * instead of reloading the org. Held against the real store: after each turn, what the cache
 * serves is what a fresh load reads, and the turns whose writes fold need no reload at all.
 */
const stores = useStores('scope_fold');
const templates = loadTemplates();
const log = createLogger('silent');
let seq = 0;

interface Rig {
  repos: Repositories;
  cache: ScopeCache;
  say: (userid: string, text: string, msgid?: string) => Promise<string>;
  orgId: () => Promise<string>;
}

async function rig(chatId: string, prefix: string): Promise<Rig> {
  const repos = await createRepositories(stores.mongo);
  const cache = new ScopeCache(stores.redis, { prefix });
  const chat = new ChatService({ repos, templates, handlers: {}, log, cache });
  const say = async (userid: string, text: string, msgid = `fold-${++seq}`) => {
    const turn: Turn = { userid, chatType: 'group', chatId, text, now: new Date() };
    return (await chat.handle(msgid, turn)).replies.join('\n');
  };
  const orgId = async () => (await repos.orgs.byChat(chatId))!.id;
  return { repos, cache, say, orgId };
}

/** What the cache serves for the org, and whether serving it needed a load. */
async function served(r: Rig): Promise<{ scope: CachedScope; loaded: boolean }> {
  const orgId = await r.orgId();
  let loaded = false;
  const scope = await r.cache.get(orgId, () => {
    loaded = true;
    return loadScope(r.repos, templates, orgId);
  });
  return { scope, loaded };
}

async function fresh(r: Rig): Promise<CachedScope> {
  return loadScope(r.repos, templates, await r.orgId());
}

describe('a writer folds its own writes into its cached scope', () => {
  it('serves after each turn what a reload reads, reloading only after writes it cannot fold', async () => {
    const r = await rig('fold-chat', 'fold-a:');
    await r.say('admin', '新建 青石镇 2026年度法治政府建设情况报告 截止 2027-02-26');
    await r.say('admin', '好');

    const turns: [string, string][] = [
      ['zhang', '认领 矛盾纠纷'],
      ['zhang', '填写 一(五)'],
      ['zhang', '每月排查一次，全年化解纠纷的做法写在这里'],
      ['zhang', '42起'],
      ['admin', '分配 一(三) 给 li'],
      ['admin', '确认'],
      ['admin', '设置领导 li'],
      ['admin', '设置截止 3月6日'],
      ['admin', '设置主送 清河县委、清河县人民政府'],
      ['admin', '设置类型 乡'],
      ['li', '填写 一(三)'],
      ['li', '跳过'],
    ];
    let folded = 0;
    for (const [userid, text] of turns) {
      await r.say(userid, text);
      const { scope, loaded } = await served(r);
      if (!loaded) folded += 1;
      expect(scope, `after ${userid}: ${text}`).toEqual(await fresh(r));
    }
    // Members joining, claims, answers, assignments, roles, deadlines and format all fold.
    expect(folded).toBe(turns.length);
    const { scope } = await served(r);
    expect(scope.answers.map((a) => a.raw)).toContain('42起');
    expect(scope.report?.deadline).toBe('2027-03-06');
  });

  it('reloads instead of folding when another write was bumped in between', async () => {
    const cache = new ScopeCache(stores.redis, { prefix: 'fold-b:' });
    const other = new ScopeCache(stores.redis, { prefix: 'fold-b:' });
    const plans = (n: number): CachedScope => ({
      members: [],
      report: null,
      template: null,
      answers: [],
      carriedPlans: [`plan ${n}`],
    });
    let loads = 0;
    const load = async () => plans(++loads);
    const addPlan = (_orgId: string, s: CachedScope) => ({
      ...s,
      carriedPlans: [...(s.carriedPlans ?? []), 'mine'],
    });

    await cache.get('org-x', load);
    await cache.bump(['org-x'], addPlan);
    expect((await cache.get('org-x', load)).carriedPlans).toEqual(['plan 1', 'mine']);
    expect(loads).toBe(1);

    // Another instance's write is bumped between this turn's read and its own bump: the entry
    // is one revision behind, and folding into it would hide the other write.
    await other.bump(['org-x']);
    await cache.bump(['org-x'], addPlan);
    expect((await cache.get('org-x', load)).carriedPlans).toEqual(['plan 2']);
    expect(loads).toBe(2);
  });

  it('folds an answer in where a reload puts it, before a later one another instance wrote', async () => {
    const r = await rig('fold-order', 'fold-d:');
    await r.say('admin', '新建 青石镇 2026年度法治政府建设情况报告 截止 2027-02-26');
    await r.say('admin', '好');
    await r.say('qian', '认领 矛盾纠纷');
    await r.say('qian', '填写 一(五)');
    const orgId = await r.orgId();
    const report = (await r.repos.reports.latestOfOrg(orgId))!;
    // Another instance's answer, stamped a minute ahead (its clock, or a turn that ran long).
    await r.repos.answers.append(
      {
        reportId: report.id,
        sectionId: '1.5',
        questionId: 'other',
        raw: '别的实例写的',
        value: { kind: 'text', text: '别的实例写的' },
        userid: 'sun',
        at: new Date(Date.now() + 60_000),
      },
      'fold-order-other:0',
    );
    await new ScopeCache(stores.redis, { prefix: 'fold-d:' }).bump([orgId]);
    await served(r);
    await r.say('qian', '每月排查一次');
    const { scope, loaded } = await served(r);
    expect(loaded).toBe(false);
    expect(scope).toEqual(await fresh(r));
    expect(scope.answers.slice(-2).map((a) => a.raw)).toEqual(['每月排查一次', '别的实例写的']);
  });

  it('reloads after a replayed turn, whose answer the cached scope may already hold', async () => {
    const r = await rig('fold-replay', 'fold-c:');
    await r.say('admin', '新建 青石镇 2026年度法治政府建设情况报告 截止 2027-02-26');
    await r.say('admin', '好');
    await r.say('zhao', '认领 矛盾纠纷');
    await r.say('zhao', '填写 一(五)');
    const before = (await r.repos.dialogs.load('zhao'))!;
    await r.say('zhao', '每月排查一次', 'fold-replayed');
    await served(r);
    // As if the run had died after its writes and before its dialog save: the re-sent callback
    // runs the same question again and finds its answer already stored under its op key.
    const after = (await r.repos.dialogs.load('zhao'))!;
    await r.repos.dialogs.save('zhao', after.version, before.state, new Date(), {
      key: 'an-earlier-turn',
      replies: [],
    });
    await r.say('zhao', '每月排查一次', 'fold-replayed');
    const { scope, loaded } = await served(r);
    expect(loaded).toBe(true);
    expect(scope).toEqual(await fresh(r));
    expect(scope.answers.filter((a) => a.raw === '每月排查一次')).toHaveLength(1);
  });
});
