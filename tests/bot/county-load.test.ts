import { describe, expect, it } from 'vitest';
import { loadScope, loadScopesOf } from '../../src/bot/context.js';
import { CountyReader } from '../../src/bot/county-reader.js';
import { ScopeCache } from '../../src/bot/scope-cache.js';
import { fillDemoCounty } from '../../src/demo/fill-store.js';
import { createRepositories } from '../../src/store/repositories.js';
import { loadTemplates } from '../../src/store/template-files.js';
import { smallDemoCounty } from '../support/demo-county.js';
import { useStores } from '../support/stores.js';

/**
 * Issue #14's county-scale read: a county's townships are read together (one query per
 * collection with `$in`), and what comes back is exactly what the one-org load reads, through
 * the scope cache or without it, with earlier years' reports and answers in the same collections.
 */
const stores = useStores('county-load');
const templates = loadTemplates();
const { template, county, now } = smallDemoCounty();

describe('a county read together', () => {
  it('reads each township as the one-org load does, in one query per collection', async () => {
    const repos = await createRepositories(stores.mongo);
    await fillDemoCounty(repos, county, template, now);
    const ids = county.townships.map((t) => t.id);
    const together = await loadScopesOf(repos, templates, [...ids, 'no-such-org']);
    for (const id of ids) {
      const alone = await loadScope(repos, templates, id);
      expect(together.get(id)).toEqual(alone);
      expect(alone.report?.year).toBe(2026);
      expect(alone.answers.length).toBeGreaterThan(0);
    }
    expect(together.get('no-such-org')).toEqual({
      members: [],
      report: null,
      template: null,
      answers: [],
      carriedPlans: [],
    });

    const cached = new CountyReader(repos, templates, new ScopeCache(stores.redis));
    const plain = new CountyReader(repos, templates);
    const a = await cached.county(county.id);
    const b = await plain.county(county.id);
    expect(a?.entries.map((e) => e.org.id).sort()).toEqual([...ids].sort());
    expect(a).toEqual(b);
    // The second read comes from the cache and is the same.
    expect(await cached.county(county.id)).toEqual(a);
  });
});
