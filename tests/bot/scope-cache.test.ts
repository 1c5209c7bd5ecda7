import { describe, expect, it } from 'vitest';
import { ScopeCache, type CachedScope } from '../../src/bot/scope-cache.js';
import { useStores } from '../support/stores.js';

const stores = useStores('scope_cache');

function scope(n: number): CachedScope {
  return {
    members: [],
    report: null,
    template: null,
    answers: [],
    carriedPlans: [`plan ${n}`],
  };
}

describe('ScopeCache on real Redis', () => {
  it('reloads an org only after its revision moves or the entry ages out', async () => {
    let clock = 0;
    const cache = new ScopeCache(stores.redis, { maxAgeMs: 1_000, now: () => clock });
    let loads = 0;
    const load = async () => scope(++loads);

    expect((await cache.get('org-a', load)).carriedPlans).toEqual(['plan 1']);
    expect((await cache.get('org-a', load)).carriedPlans).toEqual(['plan 1']);
    expect(loads).toBe(1);

    await cache.bump(['org-a']);
    expect((await cache.get('org-a', load)).carriedPlans).toEqual(['plan 2']);
    // Another org's bump leaves this one cached.
    await cache.bump(['org-b']);
    expect((await cache.get('org-a', load)).carriedPlans).toEqual(['plan 2']);

    clock += 1_000;
    expect((await cache.get('org-a', load)).carriedPlans).toEqual(['plan 3']);
    expect(loads).toBe(3);
  });

  it('reads many orgs at once, loading only those missing or moved, together', async () => {
    let clock = 0;
    const cache = new ScopeCache(stores.redis, { maxAgeMs: 1_000, now: () => clock });
    const batches: string[][] = [];
    let n = 0;
    const loadMany = async (ids: readonly string[]) => {
      batches.push([...ids]);
      return new Map(ids.map((id) => [id, scope(++n)]));
    };
    const ids = ['m-1', 'm-2', 'm-3'];
    const first = await cache.getMany(ids, loadMany);
    expect(batches).toEqual([ids]);
    expect([...first.keys()]).toEqual(ids);
    expect(await cache.getMany(ids, loadMany)).toEqual(first);
    expect(batches).toHaveLength(1);

    // Another instance's write to one township: only that one is read again.
    await new ScopeCache(stores.redis).bump(['m-2']);
    const after = await cache.getMany(ids, loadMany);
    expect(batches[1]).toEqual(['m-2']);
    expect(after.get('m-1')).toEqual(first.get('m-1'));
    expect(after.get('m-2')?.carriedPlans).toEqual(['plan 4']);

    // Past the age, the entries are served at once and refreshed behind the answer.
    clock += 1_000;
    const aged = await cache.getMany(ids, loadMany);
    expect(aged.get('m-1')).toEqual(first.get('m-1'));
    await new Promise((r) => setTimeout(r, 50));
    expect(batches[2]).toEqual(ids);
    expect((await cache.getMany(ids, loadMany)).get('m-1')?.carriedPlans).toEqual(['plan 5']);
    expect(batches).toHaveLength(3);
  });

  it('sees a bump made through another instance', async () => {
    const a = new ScopeCache(stores.redis);
    const b = new ScopeCache(stores.redis);
    let loads = 0;
    const load = async () => scope(++loads);
    await a.get('org-c', load);
    await b.bump(['org-c']);
    expect((await a.get('org-c', load)).carriedPlans).toEqual(['plan 2']);
  });

  it('keeps at most maxOrgs entries, dropping the oldest', async () => {
    const cache = new ScopeCache(stores.redis, { maxOrgs: 2 });
    let loads = 0;
    const load = async () => scope(++loads);
    await cache.get('x1', load);
    await cache.get('x2', load);
    await cache.get('x3', load);
    await cache.get('x2', load);
    expect(loads).toBe(3);
    await cache.get('x1', load);
    expect(loads).toBe(4);
  });

  it('answers a group chat from memory until its org moves, and follows a re-bound chat', async () => {
    const cache = new ScopeCache(stores.redis);
    const bindings = new Map([['chat-1', 'org-p']]);
    const calls: string[] = [];
    const loaders = {
      orgIdOf: async (chatId: string) => {
        calls.push(`bind:${chatId}`);
        return bindings.get(chatId);
      },
      org: async (orgId: string) => {
        calls.push(`org:${orgId}`);
        return {
          id: orgId,
          name: orgId,
          kind: 'township' as const,
          chatIds: [],
          hasWebhook: false,
        };
      },
      scope: async (orgId: string) => {
        calls.push(`scope:${orgId}`);
        return scope(calls.length);
      },
    };
    expect((await cache.forChat('chat-1', loaders))?.org.id).toBe('org-p');
    expect((await cache.forChat('chat-1', loaders))?.org.id).toBe('org-p');
    expect(calls).toEqual(['bind:chat-1', 'org:org-p', 'scope:org-p']);

    // The group is re-bound in a turn, which bumps the org it was bound to and the new one.
    bindings.set('chat-1', 'org-q');
    await cache.bump(['org-p', 'org-q']);
    expect((await cache.forChat('chat-1', loaders))?.org.id).toBe('org-q');
    expect(await cache.forChat('chat-unbound', loaders)).toBeUndefined();
    expect(calls.slice(3)).toEqual([
      'bind:chat-1',
      'org:org-q',
      'scope:org-q',
      'bind:chat-unbound',
    ]);
  });

  it('serves turns that miss at the same moment with one load', async () => {
    const cache = new ScopeCache(stores.redis);
    let loads = 0;
    const load = async () => {
      loads++;
      await new Promise((r) => setTimeout(r, 20));
      return scope(loads);
    };
    const got = await Promise.all(Array.from({ length: 10 }, () => cache.get('org-busy', load)));
    expect(loads).toBe(1);
    expect(new Set(got).size).toBe(1);
  });
});
