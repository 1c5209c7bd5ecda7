import { describe, expect, it } from 'vitest';
import { currentAnswers, questionKey } from '../../src/report/answers.js';
import type { Answer } from '../../src/report/types.js';
import { DialogConflictError } from '../../src/store/dialogs.js';
import { newId } from '../../src/store/ids.js';
import { createRepositories, type Repositories } from '../../src/store/repositories.js';
import { useStores } from '../support/stores.js';

const stores = useStores('repositories');
const now = new Date('2027-01-05T02:00:00Z');

async function repos(): Promise<Repositories> {
  return createRepositories(stores.mongo);
}

function answer(partial: Partial<Answer> & Pick<Answer, 'reportId' | 'userid' | 'raw'>): Answer {
  return {
    sectionId: '1.5',
    questionId: 'disputes_found',
    value: { kind: 'text', text: partial.raw },
    at: now,
    ...partial,
  };
}

describe('answers on the real store', () => {
  it('keeps an append-only history: a correction and an undo add documents, never overwrite', async () => {
    const r = await repos();
    const reportId = newId();
    await r.answers.append(
      answer({ reportId, userid: 'zhangsan', raw: '35起', at: new Date(now.getTime() + 1) }),
      'm1:0',
    );
    await r.answers.append(
      answer({ reportId, userid: 'zhangsan', raw: '36起', at: new Date(now.getTime() + 2) }),
      'm2:0',
    );
    await r.answers.append(
      answer({
        reportId,
        userid: 'zhangsan',
        raw: '撤销',
        retracts: true,
        at: new Date(now.getTime() + 3),
      }),
      'm3:0',
    );
    const history = await r.answers.history(reportId);
    expect(history.map((a) => a.raw)).toEqual(['35起', '36起', '撤销']);
    expect(currentAnswers(history).get(questionKey('1.5', 'disputes_found'))?.raw).toBe('35起');
  });

  it('applies a replayed operation once', async () => {
    const r = await repos();
    const reportId = newId();
    const a = answer({ reportId, userid: 'lisi', raw: '12次' });
    expect(await r.answers.append(a, 'msg-42:0')).toBe(true);
    expect(await r.answers.append(a, 'msg-42:0')).toBe(false);
    expect(await r.answers.history(reportId)).toHaveLength(1);
  });

  it('keeps both of two concurrent answers to one question; the newest is current', async () => {
    const r = await repos();
    const reportId = newId();
    const writes = Array.from({ length: 20 }, (_, i) =>
      r.answers.append(
        answer({
          reportId,
          userid: i % 2 ? 'zhangsan' : 'lisi',
          raw: `${30 + i}起`,
          at: new Date(now.getTime() + i),
        }),
        `concurrent-${i}`,
      ),
    );
    expect(await Promise.all(writes)).toEqual(Array(20).fill(true));
    const history = await r.answers.history(reportId);
    expect(history).toHaveLength(20);
    expect(new Set(history.map((a) => a.userid))).toEqual(new Set(['zhangsan', 'lisi']));
    expect(currentAnswers(history).get(questionKey('1.5', 'disputes_found'))?.raw).toBe('49起');
  });
});

describe('reports, sections and members on the real store', () => {
  it('refuses a second report for the same org and year', async () => {
    const r = await repos();
    const orgId = newId();
    const base = {
      orgId,
      orgName: '青石镇',
      year: 2026,
      templateId: 'township',
      templateVersion: 1,
      title: '青石镇2026年法治政府建设情况报告',
      deadline: '2027-02-26',
      adminUserid: 'admin1',
      createdAt: now,
    };
    await r.reports.create({ ...base, id: newId() }, ['1.1', '1.2', '2']);
    await expect(r.reports.create({ ...base, id: newId() }, ['1.1'])).rejects.toMatchObject({
      code: 11000,
    });
    const latest = await r.reports.latestOfOrg(orgId);
    expect(latest?.sections.map((s) => s.sectionId).sort()).toEqual(['1.1', '1.2', '2']);
    expect(latest?.sections.every((s) => s.status === 'todo')).toBe(true);
  });

  it('lets exactly one of two simultaneous claimants take a section', async () => {
    const r = await repos();
    const reportId = newId();
    await r.reports.create(
      {
        id: reportId,
        orgId: newId(),
        orgName: '白河乡',
        year: 2026,
        templateId: 'township',
        templateVersion: 1,
        title: 't',
        deadline: '2027-02-26',
        adminUserid: 'a',
        createdAt: now,
      },
      ['1.5'],
    );
    const results = await Promise.all([
      r.reports.claim(reportId, '1.5', 'zhangsan', now),
      r.reports.claim(reportId, '1.5', 'lisi', now),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    const report = await r.reports.get(reportId);
    expect(['zhangsan', 'lisi']).toContain(report?.sections[0]?.assignee);
  });

  it('adds members idempotently and accumulates roles', async () => {
    const r = await repos();
    const orgId = newId();
    await Promise.all([
      r.members.ensure(orgId, 'wang', ['official'], now),
      r.members.ensure(orgId, 'wang', ['official'], now),
    ]);
    await r.members.grant(orgId, 'wang', 'leader', now);
    const m = await r.members.get(orgId, 'wang');
    expect([...(m?.roles ?? [])].sort()).toEqual(['leader', 'official']);
    expect(await r.members.ofOrg(orgId)).toHaveLength(1);
  });

  it('binds groups to orgs and never returns the webhook key with the org', async () => {
    const r = await repos();
    const orgId = newId();
    await r.orgs.create({ id: orgId, name: '青石镇', kind: 'township' }, now);
    await r.orgs.bindChat('chat-qingshi', orgId, now);
    await r.orgs.setWebhookKey(orgId, 'secret-webhook-key-123');
    const org = await r.orgs.byChat('chat-qingshi');
    expect(org).toMatchObject({
      id: orgId,
      name: '青石镇',
      chatIds: ['chat-qingshi'],
      hasWebhook: true,
    });
    expect(JSON.stringify(org)).not.toContain('secret-webhook-key-123');
    expect(await r.orgs.webhookKey(orgId)).toBe('secret-webhook-key-123');
  });
});

describe('dialogs on the real store', () => {
  it('saves with compare-and-set and refuses a stale writer', async () => {
    const r = await repos();
    const userid = `u-${newId()}`;
    expect(await r.dialogs.save(userid, 0, { step: 'ask', sectionId: '1.3' }, now)).toBe(1);
    const loaded = await r.dialogs.load<{ step: string; sectionId: string }>(userid);
    expect(loaded).toMatchObject({ version: 1, state: { step: 'ask', sectionId: '1.3' } });
    expect(await r.dialogs.save(userid, 1, { step: 'next' }, now)).toBe(2);
    await expect(r.dialogs.save(userid, 1, { step: 'stale' }, now)).rejects.toBeInstanceOf(
      DialogConflictError,
    );
    await expect(r.dialogs.save(userid, 0, { step: 'again' }, now)).rejects.toBeInstanceOf(
      DialogConflictError,
    );
    expect((await r.dialogs.load<{ step: string }>(userid))?.state?.step).toBe('next');
  });
});

describe('concurrent writers on the real store', () => {
  it('lets exactly one of many simultaneous dialog writers of one version win', async () => {
    const r = await repos();
    const userid = `u-${newId()}`;
    await r.dialogs.save(userid, 0, { n: 0 }, now);
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) => r.dialogs.save(userid, 1, { n: i + 1 }, now)),
    );
    expect(results.filter((x) => x.status === 'fulfilled')).toHaveLength(1);
    expect(
      results
        .filter((x) => x.status === 'rejected')
        .map((x) => (x as PromiseRejectedResult).reason),
    ).toSatisfy((errs: unknown[]) => errs.every((e) => e instanceof DialogConflictError));
    expect((await r.dialogs.load(userid))?.version).toBe(2);
  });

  it('takes over a version whose writer died after claiming it', async () => {
    const r = await repos();
    const userid = `u-${newId()}`;
    await r.dialogs.save(userid, 0, { step: 'a' }, now);
    // A writer claimed version 2 and died before writing the dialog.
    await stores.mongo.collection('dialog_claims').insertOne({
      _id: `${userid}#2`,
      at: now,
    } as never);
    await expect(r.dialogs.save(userid, 1, { step: 'b' }, now)).rejects.toBeInstanceOf(
      DialogConflictError,
    );
    const later = new Date(now.getTime() + 120_000);
    expect(await r.dialogs.save(userid, 1, { step: 'b' }, later)).toBe(2);
    expect((await r.dialogs.load<{ step: string }>(userid))?.state?.step).toBe('b');
  });

  it('clears a dialog to null and keeps counting versions', async () => {
    const r = await repos();
    const userid = `u-${newId()}`;
    await r.dialogs.save(userid, 0, { step: 'a' }, now);
    await r.dialogs.save(userid, 1, null, now);
    expect(await r.dialogs.load(userid)).toMatchObject({ version: 2, state: null });
  });
});

describe('county invitations on the real store', () => {
  it('issues a readable code that one township can redeem once', async () => {
    const r = await repos();
    const county = newId();
    const code = await r.invitations.issue(county, 'county-admin', now);
    expect(code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
    const results = await Promise.all([
      r.invitations.redeem(code.toLowerCase(), now),
      r.invitations.redeem(code, now),
    ]);
    expect(results.filter((x) => x.ok)).toEqual([{ ok: true, countyOrgId: county }]);
    expect(await r.invitations.redeem(code, now)).toEqual({ ok: false, reason: 'unknown' });
  });

  it('refuses an expired code', async () => {
    const r = await repos();
    const code = await r.invitations.issue(newId(), 'a', now, 1);
    expect(await r.invitations.redeem(code, new Date(now.getTime() + 2 * 86_400_000))).toEqual({
      ok: false,
      reason: 'expired',
    });
  });
});
