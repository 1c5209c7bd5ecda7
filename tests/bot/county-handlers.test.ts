import { describe, expect, it } from 'vitest';
import { countyHandlers } from '../../src/bot/handlers/county.js';
import type { ReplyTarget } from '../../src/chat/operations.js';
import type { Org } from '../../src/report/types.js';
import { newId } from '../../src/store/ids.js';
import { createRepositories, type Repositories } from '../../src/store/repositories.js';
import { useStores } from '../support/stores.js';

const stores = useStores('county_handlers');
const now = new Date('2027-01-05T02:00:00Z');
const group: ReplyTarget = { chatType: 'group', chatId: 'chat-x', userid: 'admin' };

async function setup(): Promise<{
  repos: Repositories;
  handlers: ReturnType<typeof countyHandlers>;
  org: (name: string, kind: Org['kind']) => Promise<string>;
}> {
  const repos = await createRepositories(stores.mongo);
  const org = async (name: string, kind: Org['kind']) => {
    const id = newId();
    await repos.orgs.create({ id, name, kind }, now);
    return id;
  };
  return { repos, handlers: countyHandlers({ repos }), org };
}

/** The code out of the issue reply (`加入 ABCD2345`). */
function codeOf(replies: readonly string[]): string {
  const m = /加入 ([A-Z0-9]{8})/.exec(replies.join('\n'));
  if (!m?.[1]) throw new Error(`no code in ${replies.join('\n')}`);
  return m[1];
}

describe('county roll-up membership on the real store', () => {
  it('issues a code that a township redeems once, becoming a child of the county', async () => {
    const { repos, handlers, org } = await setup();
    const county = await org('青山县依法治县办', 'county');
    const town = await org('青石镇', 'township');
    const issued = await handlers.issueInvitation({
      op: 'issueInvitation',
      orgId: county,
      by: 'admin',
      deliverTo: group,
      at: now,
    });
    expect(issued.join('\n')).toMatch(/30天内有效（到 2027年2月4日），只能用一次/);
    const code = codeOf(issued);

    const joined = await handlers.joinCounty({
      op: 'joinCounty',
      orgId: town,
      code: code.toLowerCase(),
      by: 'admin',
      deliverTo: group,
      at: now,
    });
    expect(joined.join('\n')).toMatch(/已加入 青山县依法治县办的汇总/);
    expect((await repos.orgs.get(town))?.parentId).toBe(county);
    expect((await repos.orgs.children(county)).map((o) => o.name)).toEqual(['青石镇']);

    const other = await org('白沙镇', 'township');
    const again = await handlers.joinCounty({
      op: 'joinCounty',
      orgId: other,
      code,
      by: 'admin',
      deliverTo: group,
      at: now,
    });
    expect(again.join('\n')).toMatch(/邀请码不存在或已用过/);
    expect((await repos.orgs.get(other))?.parentId).toBeUndefined();
  });

  it('refuses an expired code', async () => {
    const { repos, handlers, org } = await setup();
    const county = await org('青山县依法治县办', 'county');
    const town = await org('青石镇', 'township');
    const code = codeOf(
      await handlers.issueInvitation({
        op: 'issueInvitation',
        orgId: county,
        by: 'admin',
        deliverTo: group,
        at: now,
      }),
    );
    const late = new Date(now.getTime() + 31 * 86_400_000);
    const replies = await handlers.joinCounty({
      op: 'joinCounty',
      orgId: town,
      code,
      by: 'admin',
      deliverTo: group,
      at: late,
    });
    expect(replies.join('\n')).toMatch(/邀请码已过期/);
    expect((await repos.orgs.get(town))?.parentId).toBeUndefined();
  });

  it('issues codes for county orgs only', async () => {
    const { handlers, org } = await setup();
    const town = await org('青石镇', 'township');
    const replies = await handlers.issueInvitation({
      op: 'issueInvitation',
      orgId: town,
      by: 'admin',
      deliverTo: group,
      at: now,
    });
    expect(replies.join('\n')).toMatch(/只能由县级单位/);
    expect(replies.join('\n')).not.toMatch(/加入 [A-Z0-9]{8}/);
  });

  it('refuses a code that was not issued by a county, and a county joining, keeping its code', async () => {
    const { repos, handlers, org } = await setup();
    // A code whose issuer is not a county: only possible through the store, e.g. an org whose
    // kind was changed after issuing; the handler must not make a township a township's child.
    const notCounty = await org('县司法局', 'department');
    const town = await org('青石镇', 'township');
    const stray = await repos.invitations.issue(notCounty, 'admin', now);
    const replies = await handlers.joinCounty({
      op: 'joinCounty',
      orgId: town,
      code: stray,
      by: 'admin',
      deliverTo: group,
      at: now,
    });
    expect(replies.join('\n')).toMatch(/不是县级单位发的/);
    expect((await repos.orgs.get(town))?.parentId).toBeUndefined();

    const county = await org('青山县依法治县办', 'county');
    const code = await repos.invitations.issue(county, 'admin', now);
    const own = await handlers.joinCounty({
      op: 'joinCounty',
      orgId: county,
      code,
      by: 'admin',
      deliverTo: group,
      at: now,
    });
    expect(own.join('\n')).toMatch(/县级单位不能加入/);
    expect((await repos.orgs.get(county))?.parentId).toBeUndefined();
    // Not used up by the refusal: a township can still redeem it.
    expect(await repos.invitations.redeem(code, now)).toEqual({ ok: true, countyOrgId: county });
  });

  it('moves a township that joins another county, saying which one it left', async () => {
    const { repos, handlers, org } = await setup();
    const first = await org('青山县依法治县办', 'county');
    const second = await org('白云县依法治县办', 'county');
    const town = await org('青石镇', 'township');
    await repos.orgs.setParent(town, first);
    const code = await repos.invitations.issue(second, 'admin', now);
    const replies = await handlers.joinCounty({
      op: 'joinCounty',
      orgId: town,
      code,
      by: 'admin',
      deliverTo: group,
      at: now,
    });
    expect(replies.join('\n')).toMatch(
      /已加入 白云县依法治县办的汇总（已不再计入 青山县依法治县办）/,
    );
    expect((await repos.orgs.get(town))?.parentId).toBe(second);
  });
});
