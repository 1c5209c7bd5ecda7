import type { Member, Report, Role, SectionState, Template } from '../report/types.js';
import type { DialogState, FillState, Pending } from './dialog-state.js';
import { finishDialog } from './dialog-state.js';
import { reportTemplate } from '../report/office.js';
import type { Operation, ReplyTarget } from './operations.js';
import type { ChatContext, OrgScope, Turn, TurnResult } from './types.js';

/** A report with its template: what most commands work on. */
export interface Workspace {
  readonly scope: OrgScope;
  readonly report: Report;
  readonly template: Template;
}

/**
 * The working memory of one turn: replies and operations collected so far, the dialog as it will
 * be saved, and a view of the org that already reflects this turn's operations (so a progress
 * line after an answer counts that answer). Local mutation only; nothing leaves until `result()`.
 */
export class Session {
  readonly replies: string[] = [];
  readonly ops: Operation[] = [];
  /** The dialog to save; commands replace its parts. */
  orgId: string | undefined;
  fill: FillState | undefined;
  pending: Pending | undefined;
  /** The org this turn works on, if any. */
  scope: OrgScope | null = null;

  constructor(
    readonly turn: Turn,
    readonly ctx: ChatContext,
    dialog: DialogState | null,
  ) {
    this.orgId = dialog?.orgId;
    this.fill = dialog?.fill;
    this.pending = dialog?.pending;
  }

  get now(): Date {
    return this.turn.now;
  }

  get userid(): string {
    return this.turn.userid;
  }

  say(text: string): void {
    this.replies.push(text);
  }

  /** Appends to the last reply (one WeCom message reads better than several). */
  add(text: string): void {
    const last = this.replies.pop();
    this.replies.push(last === undefined ? text : `${last}\n\n${text}`);
  }

  emit(op: Operation): void {
    this.ops.push(op);
    if (this.scope) this.scope = applyToScope(this.scope, op);
  }

  member(): Member | undefined {
    return this.scope?.members.find((m) => m.userid === this.userid);
  }

  hasRole(...roles: Role[]): boolean {
    const me = this.member();
    return Boolean(me && me.roles.some((r) => roles.includes(r)));
  }

  workspace(): Workspace | null {
    const scope = this.scope;
    if (!scope?.report || !scope.template) return null;
    // The scope keeps the template as stored; every command reads it in the office's words.
    return { scope, report: scope.report, template: reportTemplate(scope.template, scope.report) };
  }

  replyTarget(): ReplyTarget {
    return {
      chatType: this.turn.chatType,
      ...(this.turn.chatId ? { chatId: this.turn.chatId } : {}),
      userid: this.userid,
    };
  }

  result(): TurnResult {
    return {
      replies: this.replies,
      ops: this.ops,
      dialog: finishDialog(
        {
          ...(this.orgId ? { orgId: this.orgId } : {}),
          ...(this.fill ? { fill: this.fill } : {}),
          ...(this.pending ? { pending: this.pending } : {}),
        },
        this.now,
      ),
    };
  }
}

/** What the store will look like once `op` is applied, as far as this turn needs to know. */
export function applyToScope(scope: OrgScope, op: Operation): OrgScope {
  switch (op.op) {
    case 'appendAnswer':
      return { ...scope, answers: [...scope.answers, op.answer] };
    case 'addMember':
    case 'grantRole': {
      const roles: readonly Role[] = op.op === 'addMember' ? op.roles : [op.role];
      const existing = scope.members.find((m) => m.userid === op.userid);
      const merged: Member = existing
        ? { ...existing, roles: [...new Set([...existing.roles, ...roles])] }
        : { orgId: op.orgId, userid: op.userid, roles: [...roles] };
      return {
        ...scope,
        members: existing
          ? scope.members.map((m) => (m.userid === op.userid ? merged : m))
          : [...scope.members, merged],
      };
    }
    case 'assignSection':
    case 'claimSection':
      return withSection(scope, op.sectionId, (s) => {
        const assignee = op.op === 'claimSection' ? op.userid : op.assignee;
        const { assignee: _old, ...rest } = s;
        return assignee ? { ...rest, assignee } : rest;
      });
    case 'setSectionStatus':
      return withSection(scope, op.sectionId, (s) => ({
        ...s,
        status: op.status,
        updatedAt: op.at,
        updatedBy: op.by,
      }));
    case 'setDeadline':
      return scope.report
        ? { ...scope, report: { ...scope.report, deadline: op.deadline } }
        : scope;
    case 'setReportFormat': {
      const { op: _op, reportId: _id, by: _by, at: _at, ...format } = op;
      return scope.report ? { ...scope, report: { ...scope.report, ...format } } : scope;
    }
    case 'setWebhook':
      return { ...scope, org: { ...scope.org, hasWebhook: true } };
    case 'bindChat':
      return { ...scope, org: { ...scope.org, chatIds: [...scope.org.chatIds, op.chatId] } };
    case 'createReport':
      return { ...scope, report: op.report, answers: [] };
    default:
      return scope;
  }
}

function withSection(
  scope: OrgScope,
  sectionId: string,
  change: (s: SectionState) => SectionState,
): OrgScope {
  const report = scope.report;
  if (!report) return scope;
  const has = report.sections.some((s) => s.sectionId === sectionId);
  const sections = has
    ? report.sections.map((s) => (s.sectionId === sectionId ? change(s) : s))
    : [...report.sections, change({ sectionId, status: 'todo' })];
  return { ...scope, report: { ...report, sections } };
}
