import type { Answer, Member, Role, SectionState } from '../report/types.js';
import type { CreateOrg, Operation } from './operations.js';
import type { OrgScope } from './types.js';

/**
 * The one meaning of every operation for what the engine reads: how an org's scope looks once
 * an operation is applied. The turn's own view (`Session.emit`) and the engine's test harness
 * both fold operations with it; `bot/apply.ts` is the store's applier of the same operations.
 * An operation that names another org or report leaves the scope as it is.
 */
export function applyToScope(scope: OrgScope, op: Operation): OrgScope {
  switch (op.op) {
    case 'appendAnswer':
      return ofReport(scope, op.answer.reportId)
        ? { ...scope, answers: inTimeOrder(scope.answers, op.answer) }
        : scope;
    case 'addMember':
    case 'grantRole': {
      if (scope.org.id !== op.orgId) return scope;
      const roles: readonly Role[] = op.op === 'addMember' ? op.roles : [op.role];
      return { ...scope, members: withRoles(scope.members, op.orgId, op.userid, roles) };
    }
    case 'assignSection':
    case 'claimSection':
      return withSection(scope, op.reportId, op.sectionId, (s) => {
        const assignee = op.op === 'claimSection' ? op.userid : op.assignee;
        const { assignee: _old, ...rest } = s;
        return assignee ? { ...rest, assignee } : rest;
      });
    case 'setSectionStatus':
      return withSection(scope, op.reportId, op.sectionId, (s) => ({
        ...s,
        status: op.status,
        updatedAt: op.at,
        updatedBy: op.by,
      }));
    case 'setDeadline':
      return scope.report && ofReport(scope, op.reportId)
        ? { ...scope, report: { ...scope.report, deadline: op.deadline } }
        : scope;
    case 'setReportFormat': {
      const { op: _op, reportId, by: _by, at: _at, ...format } = op;
      return scope.report && ofReport(scope, reportId)
        ? { ...scope, report: { ...scope.report, ...format } }
        : scope;
    }
    case 'setWebhook':
      return scope.org.id === op.orgId
        ? { ...scope, org: { ...scope.org, hasWebhook: true } }
        : scope;
    case 'bindChat': {
      // A group belongs to one org: binding it here unbinds it everywhere else.
      const others = scope.org.chatIds.filter((c) => c !== op.chatId);
      const chatIds = scope.org.id === op.orgId ? [...others, op.chatId] : others;
      return { ...scope, org: { ...scope.org, chatIds } };
    }
    case 'createReport':
      return scope.org.id === op.report.orgId
        ? { ...scope, report: op.report, answers: [], carriedPlans: [] }
        : scope;
    default:
      return scope;
  }
}

/** Every scope after `op`; `createOrg` adds the new org's empty scope. */
export function applyToScopes(scopes: readonly OrgScope[], op: Operation): OrgScope[] {
  const next = scopes.map((s) => applyToScope(s, op));
  return op.op === 'createOrg' ? [...next, newOrgScope(op)] : next;
}

/** A freshly created org: no chat, no member, no report yet. */
export function newOrgScope(op: CreateOrg): OrgScope {
  return {
    org: { ...op.org, chatIds: [], hasWebhook: false },
    members: [],
    report: null,
    template: null,
    answers: [],
    carriedPlans: [],
  };
}

/**
 * The answers with one more, where the store reads it back: in time order (`at`, then arrival).
 * Order is meaning here (the newest per question is current, 撤销 takes back the one before), and
 * a writer folding its answer in after another instance's later one must agree with a reload.
 */
function inTimeOrder(answers: readonly Answer[], answer: Answer): Answer[] {
  let i = answers.length;
  while (i > 0 && answers[i - 1]!.at.getTime() > answer.at.getTime()) i -= 1;
  return [...answers.slice(0, i), answer, ...answers.slice(i)];
}

function ofReport(scope: OrgScope, reportId: string): boolean {
  return scope.report?.id === reportId;
}

/** The member gains the roles (set union); an unknown user becomes a member with them. */
function withRoles(
  members: readonly Member[],
  orgId: string,
  userid: string,
  roles: readonly Role[],
): Member[] {
  const existing = members.find((m) => m.userid === userid);
  if (!existing) return [...members, { orgId, userid, roles: [...roles] }];
  const merged = { ...existing, roles: [...new Set([...existing.roles, ...roles])] };
  return members.map((m) => (m === existing ? merged : m));
}

function withSection(
  scope: OrgScope,
  reportId: string,
  sectionId: string,
  change: (s: SectionState) => SectionState,
): OrgScope {
  const report = scope.report;
  if (!report || report.id !== reportId) return scope;
  const has = report.sections.some((s) => s.sectionId === sectionId);
  const sections = has
    ? report.sections.map((s) => (s.sectionId === sectionId ? change(s) : s))
    : [...report.sections, change({ sectionId, status: 'todo' })];
  return { ...scope, report: { ...report, sections } };
}
