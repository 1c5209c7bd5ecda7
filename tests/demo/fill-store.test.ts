import { describe, expect, it } from 'vitest';
import { fillDemoCounty } from '../../src/demo/fill-store.js';
import { computeProgress } from '../../src/report/progress.js';
import { createRepositories } from '../../src/store/repositories.js';
import { smallDemoCounty } from '../support/demo-county.js';
import { useStores } from '../support/stores.js';

const stores = useStores('demo-fill');
const { template, county, now } = smallDemoCounty({ seed: 3 });

describe('demo county in the store', () => {
  it('is written as the bot would read it, and only once', async () => {
    const repos = await createRepositories(stores.mongo);
    const first = await fillDemoCounty(repos, county, template, now);
    expect(first.created).toBe(true);
    const generated = county.townships.reduce((n, t) => n + t.answers.length, 0);
    expect(first.answers).toBe(generated);

    const org = await repos.orgs.byChat(county.chatId);
    expect(org).toMatchObject({ name: '青山县依法治县办', kind: 'county' });
    const children = await repos.orgs.children(county.id);
    expect(children.map((c) => c.name).sort()).toEqual(county.townships.map((t) => t.name).sort());

    for (const t of county.townships) {
      const report = await repos.reports.latestOfOrg(t.id);
      expect(report?.year).toBe(2026);
      const answers = await repos.answers.history(report!.id);
      const p = computeProgress(report!, template, answers, now);
      // The drawn share of sections is what the store now says is done.
      expect(p.done).toBe(Math.round(t.target * p.total));
      const members = await repos.members.ofOrg(t.id);
      expect(members).toHaveLength(5);
      expect(members.every((m) => m.name && /^[\u4e00-\u9fa5]{2,3}$/.test(m.name))).toBe(true);
      const drafts = await repos.drafts.listDrafts(report!.id);
      expect(drafts.length).toBe(t.target >= 0.5 ? 1 : 0);
    }

    const again = await fillDemoCounty(repos, county, template, now);
    expect(again).toEqual({ created: false, answers: 0, drafts: 0 });
    const report = await repos.reports.latestOfOrg(county.townships[0]!.id);
    const history = await repos.answers.history(report!.id);
    expect(history).toHaveLength(
      county.townships[0]!.answers.filter((a) => a.reportId === report!.id).length,
    );
  });
});
