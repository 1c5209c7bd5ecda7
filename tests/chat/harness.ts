/**
 * Transcript tests for the pure engine: a fake context builder that keeps each org's scope,
 * folds each turn's operations into it with the engine's own reducer (`applyToScopes`), and
 * hands the next turn what the adapter would load. Test scaffolding, not a store.
 */
import { expect } from 'vitest';
import {
  applyToScopes,
  handleTurn,
  parseDialog,
  type DialogState,
  type Operation,
  type OrgScope,
  type TurnResult,
} from '../../src/chat/index.js';
import type { Answer, Member, Org, Report, Role, Template } from '../../src/report/types.js';
import { departmentTemplate, townshipTemplate } from './fixtures.js';

interface SendOptions {
  /** Defaults to the group `chat-1`. */
  readonly chat?: 'group' | 'single';
  readonly chatId?: string;
  /** A file sent with the message (WeCom sends files in single chat only). */
  readonly file?: { readonly url: string; readonly name?: string };
  /** Where a pasted group-robot address may point (the bot's configured API host). */
  readonly webhookHosts?: readonly string[];
}

export class World {
  /** What the store holds, one scope per org (its newest report), folded by the engine's reducer. */
  scopes: OrgScope[] = [];
  dialogs = new Map<string, unknown>();
  /** Imported plans per report id, as the adapter loads them (`导入` is fulfilled elsewhere). */
  carriedPlans = new Map<string, string[]>();
  /** Every op ever applied, in order. */
  applied: Operation[] = [];
  now: Date;
  private ids = 0;

  constructor(
    readonly templates: readonly Template[] = [townshipTemplate, departmentTemplate],
    now = '2027-01-10T09:00:00+08:00',
  ) {
    this.now = new Date(now);
  }

  get orgs(): Org[] {
    return this.scopes.map((s) => s.org);
  }

  get members(): Member[] {
    return this.scopes.flatMap((s) => s.members);
  }

  get reports(): Report[] {
    return this.scopes.flatMap((s) => (s.report ? [s.report] : []));
  }

  get answers(): Answer[] {
    return this.scopes.flatMap((s) => s.answers);
  }

  /** An org made outside the chat (as another path into the store would). */
  addOrg(org: Pick<Org, 'id' | 'name' | 'kind'>): void {
    this.scopes = applyToScopes(this.scopes, { op: 'createOrg', org, at: this.now });
  }

  advance(minutes: number): void {
    this.now = new Date(this.now.getTime() + minutes * 60_000);
  }

  send(userid: string, text: string, opts: SendOptions = {}): Sent {
    return this.prepare(userid, text, opts).commit();
  }

  /**
   * Runs the engine on what is stored now, but applies its operations only on `commit()`: other
   * turns in between play a second adapter instance that got there first.
   */
  prepare(userid: string, text: string, opts: SendOptions = {}): { commit: () => Sent } {
    const chatType = opts.chat ?? 'group';
    const chatId = chatType === 'group' ? (opts.chatId ?? 'chat-1') : undefined;
    const orgs =
      chatType === 'group'
        ? this.scopes.filter((s) => chatId && s.org.chatIds.includes(chatId))
        : this.scopes.filter((s) => s.members.some((m) => m.userid === userid));
    const saved = this.dialogs.get(userid);
    const dialog = saved === undefined ? null : parseDialog(JSON.parse(JSON.stringify(saved)));
    const result = handleTurn(
      {
        userid,
        chatType,
        ...(chatId ? { chatId } : {}),
        text,
        ...(opts.file ? { file: opts.file } : {}),
        ...(opts.webhookHosts ? { webhookHosts: opts.webhookHosts } : {}),
        now: this.now,
      },
      {
        orgs: orgs.map((s) => this.loaded(s)),
        templates: this.templates,
        dialog,
        newId: () => `id${++this.ids}`,
      },
    );
    return {
      commit: () => {
        const applied = this.apply(result);
        // Plain JSON only: what the adapter saves is what the next turn reads.
        if (applied.lost === undefined) {
          this.dialogs.set(
            userid,
            result.dialog === null ? undefined : JSON.parse(JSON.stringify(result.dialog)),
          );
        }
        this.advance(1);
        return new Sent(applied.lost ? { ...result, replies: [applied.lost] } : result, this);
      },
    };
  }

  /** A scope as the adapter loads it: with its report's template and imported plans. */
  private loaded(scope: OrgScope): OrgScope {
    const report = scope.report;
    return {
      ...scope,
      template: report
        ? (this.templates.find(
            (t) => t.id === report.templateId && t.version === report.templateVersion,
          ) ?? null)
        : null,
      carriedPlans: report ? (this.carriedPlans.get(report.id) ?? []) : [],
    };
  }

  /** Applies ops in order; a lost claim stops the turn as the adapter contract says. */
  private apply(result: TurnResult): { lost?: string } {
    for (const op of result.ops) {
      if (op.op === 'claimSection') {
        const holder = this.section(op.reportId, op.sectionId).assignee;
        if (holder && holder !== op.userid) {
          const name = this.members.find((m) => m.userid === holder)?.name ?? holder;
          return { lost: op.ifTaken.replace('{holder}', ` ${name} `) };
        }
      }
      this.applyOne(op);
      this.applied.push(op);
    }
    return {};
  }

  private applyOne(op: Operation): void {
    if (op.op === 'createReport') {
      // The store refuses a second report for an org and year; the engine must never ask for one.
      expect(
        this.reports.some((r) => r.orgId === op.report.orgId && r.year === op.report.year),
      ).toBe(false);
    }
    this.scopes = applyToScopes(this.scopes, op);
  }

  grant(orgId: string, userid: string, roles: readonly Role[], name?: string): void {
    this.applyOne({ op: 'addMember', orgId, userid, roles, at: this.now });
    if (!name) return;
    this.scopes = this.scopes.map((s) =>
      s.org.id === orgId
        ? { ...s, members: s.members.map((m) => (m.userid === userid ? { ...m, name } : m)) }
        : s,
    );
  }

  org(id: string): Org {
    const org = this.orgs.find((o) => o.id === id);
    if (!org) throw new Error(`no org ${id}`);
    return org;
  }

  report(orgName = '青石镇'): Report {
    const org = this.orgs.find((o) => o.name === orgName);
    const report = this.reports.find((r) => r.orgId === org?.id);
    if (!report) throw new Error(`no report for ${orgName}`);
    return report;
  }

  section(reportId: string, sectionId: string) {
    const report = this.reports.find((r) => r.id === reportId);
    const state = report?.sections.find((s) => s.sectionId === sectionId);
    if (!state) throw new Error(`no section ${sectionId}`);
    return state;
  }

  dialog(userid: string): DialogState | null {
    const saved = this.dialogs.get(userid);
    return saved === undefined ? null : parseDialog(saved);
  }

  /** Standing answers for one question, newest last, after retractions. */
  standing(sectionId: string, questionId: string): Answer[] {
    const stack: Answer[] = [];
    for (const a of this.answers) {
      if (a.sectionId !== sectionId || a.questionId !== questionId) continue;
      if (a.retracts) stack.pop();
      else stack.push(a);
    }
    return stack;
  }
}

export class Sent {
  constructor(
    readonly result: TurnResult,
    readonly world: World,
  ) {}

  get reply(): string {
    return this.result.replies.join('\n---\n');
  }

  expectReply(pattern: RegExp): this {
    expect(this.reply).toMatch(pattern);
    for (const r of this.result.replies)
      expect(new TextEncoder().encode(r).length).toBeLessThan(20_480);
    return this;
  }

  expectNoMatch(pattern: RegExp): this {
    expect(this.reply).not.toMatch(pattern);
    return this;
  }

  expectOp<K extends Operation['op']>(
    kind: K,
    match: Partial<Extract<Operation, { op: K }>> = {},
  ): this {
    expect(this.result.ops).toContainEqual(
      expect.objectContaining({ op: kind, ...match } as Record<string, unknown>),
    );
    return this;
  }

  expectNoOp(kind: Operation['op']): this {
    expect(this.result.ops.map((o) => o.op)).not.toContain(kind);
    return this;
  }
}

/**
 * A world with 青石镇's 2026 report bound to `chat-1`, created by `admin` (王主任); `zhang` (张三)
 * and `li` (李四) are officials, `boss` (赵书记) a leader.
 */
export function townshipWorld(): World {
  const w = new World();
  w.send('admin', '新建 青石镇 2026年度法治政府建设情况报告 截止 2027-02-26').expectReply(/已新建/);
  const orgId = w.report().orgId;
  w.grant(orgId, 'admin', [], '王主任');
  w.grant(orgId, 'zhang', ['official'], '张三');
  w.grant(orgId, 'li', ['official'], '李四');
  w.grant(orgId, 'boss', ['leader'], '赵书记');
  return w;
}
