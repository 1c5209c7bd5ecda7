import type { Member, Report, Role, Template } from '../report/types.js';
import type { DialogState, FillState, Pending } from './dialog-state.js';
import { finishDialog } from './dialog-state.js';
import { reportTemplate } from '../report/office.js';
import type { Operation, ReplyTarget } from './operations.js';
import { applyToScope } from './scope-reducer.js';
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
