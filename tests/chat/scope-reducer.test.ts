import { describe, expect, it } from 'vitest';
import { applyToScope, applyToScopes, type OrgScope } from '../../src/chat/index.js';
import type { Report } from '../../src/report/types.js';

const at = new Date('2027-01-10T09:00:00+08:00');

function scopeOf(orgId: string, chatIds: string[], report: Report | null = null): OrgScope {
  return {
    org: { id: orgId, name: `${orgId}镇`, kind: 'township', chatIds, hasWebhook: false },
    members: [],
    report,
    template: null,
    answers: [],
  };
}

const report: Report = {
  id: 'r1',
  orgId: 'o1',
  orgName: '青石镇',
  year: 2026,
  title: '青石镇2026年法治政府建设情况报告',
  templateId: 'township',
  templateVersion: 2,
  deadline: '2027-02-26',
  adminUserid: 'admin',
  sections: [{ sectionId: '1.1', status: 'todo' }],
  createdAt: at,
};

describe('the one reducer of operations (engine view and harness)', () => {
  it('creates an org with an empty scope and moves a group from one org to another', () => {
    let scopes = applyToScopes([scopeOf('o1', ['chat-1'])], {
      op: 'createOrg',
      org: { id: 'o2', name: '白沙镇', kind: 'township' },
      at,
    });
    expect(scopes.map((s) => s.org.id)).toEqual(['o1', 'o2']);
    expect(scopes[1]).toMatchObject({ members: [], report: null, answers: [] });

    scopes = applyToScopes(scopes, { op: 'bindChat', orgId: 'o2', chatId: 'chat-1', at });
    expect(scopes.map((s) => s.org.chatIds)).toEqual([[], ['chat-1']]);
  });

  it('leaves a scope alone when the operation names another org or report', () => {
    const scope = scopeOf('o1', [], report);
    const other = {
      op: 'setDeadline',
      reportId: 'r9',
      deadline: '2027-03-01',
      by: 'a',
      at,
    } as const;
    expect(applyToScope(scope, other)).toBe(scope);
    expect(
      applyToScope(scope, {
        op: 'grantRole',
        orgId: 'o9',
        userid: 'u',
        role: 'admin',
        by: 'a',
        at,
      }),
    ).toBe(scope);
    const mine = applyToScope(scope, { ...other, reportId: 'r1' });
    expect(mine.report?.deadline).toBe('2027-03-01');
  });

  it('merges roles of a member and records who set a section status', () => {
    let scope = scopeOf('o1', [], report);
    scope = applyToScope(scope, {
      op: 'addMember',
      orgId: 'o1',
      userid: 'li',
      roles: ['official'],
      at,
    });
    scope = applyToScope(scope, {
      op: 'grantRole',
      orgId: 'o1',
      userid: 'li',
      role: 'leader',
      by: 'a',
      at,
    });
    expect(scope.members).toEqual([{ orgId: 'o1', userid: 'li', roles: ['official', 'leader'] }]);
    scope = applyToScope(scope, {
      op: 'setSectionStatus',
      reportId: 'r1',
      sectionId: '1.1',
      status: 'done',
      by: 'li',
      at,
    });
    expect(scope.report?.sections[0]).toMatchObject({ status: 'done', updatedBy: 'li' });
  });
  it('keeps answers in time order, as the store reads them back', () => {
    const answer = (raw: string, minutes: number) => ({
      reportId: 'r1',
      sectionId: '1.1',
      questionId: 'q1',
      raw,
      value: { kind: 'text' as const, text: raw },
      userid: 'li',
      at: new Date(at.getTime() + minutes * 60_000),
    });
    let scope = scopeOf('o1', [], report);
    for (const [raw, minutes] of [
      ['first', 0],
      ['third', 2],
      ['second', 1],
      ['fourth', 2],
    ] as const) {
      scope = applyToScope(scope, { op: 'appendAnswer', answer: answer(raw, minutes) });
    }
    // An answer stamped before one already held goes before it; equal times keep arrival order.
    expect(scope.answers.map((a) => a.raw)).toEqual(['first', 'second', 'third', 'fourth']);
  });
});
