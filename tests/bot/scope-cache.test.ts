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
});
