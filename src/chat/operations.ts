import type {
  Answer,
  OfficeKind,
  Org,
  Report,
  Role,
  SectionStatus,
  Signing,
} from '../report/types.js';

/**
 * What the engine asks the adapter to do after a turn, in order. Each operation is one atomic
 * single-document write (or one job hand-off), so the adapter applies them one by one, in the
 * order given; a later op may refer to ids created by an earlier op of the same turn (ids come
 * from `ChatContext.newId()`). Operations are idempotent where noted, so a turn replayed after a
 * crash can re-apply them (appendAnswer relies on the adapter's per-turn op key).
 */
export type Operation =
  | CreateOrg
  | BindChat
  | AddMember
  | GrantRole
  | CreateReport
  | AssignSection
  | ClaimSection
  | SetSectionStatus
  | AppendAnswer
  | SetDeadline
  | SetReportFormat
  | SetWebhook
  | ImportReport
  | SetRemindersPaused
  | RequestDraft
  | RequestCheck
  | RequestSummary
  | RequestChart
  | RequestReminderPlan
  | RemindNow
  | DraftHistory
  | IssueInvitation
  | JoinCounty;

/** Where the adapter delivers the result of a slow request (a draft, a summary, …). */
export interface ReplyTarget {
  readonly chatType: 'group' | 'single';
  /** The group the request came from; absent in single chat. */
  readonly chatId?: string;
  /** Who asked: the recipient in single chat. In a group, mention nobody unless the op says so. */
  readonly userid: string;
}

/**
 * A new org. Its `id` came from `newId()`; no chats bound yet. A township or county department
 * is created with its first report (`新建`); a county office (`新建县级单位`) has no report of its
 * own: it exists to roll up the orgs that join it.
 */
export interface CreateOrg {
  readonly op: 'createOrg';
  readonly org: Pick<Org, 'id' | 'name' | 'kind'>;
  readonly at: Date;
}

/** Binds a WeCom group to an org (upsert by chatId: a group bound elsewhere is re-bound). */
export interface BindChat {
  readonly op: 'bindChat';
  readonly orgId: string;
  readonly chatId: string;
  readonly at: Date;
}

/**
 * Adds the user to the org if unknown, with these roles; an existing member keeps its roles and
 * gains these (set union). Idempotent. Emitted the first time someone speaks in a bound group.
 */
export interface AddMember {
  readonly op: 'addMember';
  readonly orgId: string;
  readonly userid: string;
  readonly roles: readonly Role[];
  readonly at: Date;
}

/** Adds one role to a member, creating the member if unknown. Idempotent. Admin-only (checked). */
export interface GrantRole {
  readonly op: 'grantRole';
  readonly orgId: string;
  readonly userid: string;
  readonly role: Role;
  readonly by: string;
  readonly at: Date;
}

/**
 * Creates a report with every section `todo` and unassigned (`report.sections` lists them).
 * At most one report per org and year: the engine never emits a second one for a year it can see,
 * and the store refuses a duplicate.
 */
export interface CreateReport {
  readonly op: 'createReport';
  readonly report: Report;
}

/**
 * Sets who owes a section, replacing any previous assignee (admin decision, already checked);
 * `assignee: null` clears it.
 */
export interface AssignSection {
  readonly op: 'assignSection';
  readonly reportId: string;
  readonly sectionId: string;
  readonly assignee: string | null;
  readonly by: string;
  readonly at: Date;
}

/**
 * Claims an unassigned section for `userid` (`认领`, or starting to fill an unassigned section).
 * The engine saw it unassigned, but another claimant may win the race: when the store reports the
 * section as held by someone else, the adapter must apply none of the remaining ops of this turn,
 * keep the previous dialog state, and send `ifTaken` instead of the turn's replies.
 */
export interface ClaimSection {
  readonly op: 'claimSection';
  readonly reportId: string;
  readonly sectionId: string;
  readonly userid: string;
  readonly at: Date;
  /**
   * The reply to send when someone else holds the section already. `{holder}` in it stands for
   * the holder's name, which the adapter fills in once the store has said who won.
   */
  readonly ifTaken: string;
}

/** Sets a section's status (upsert per report+section), recording who and when. */
export interface SetSectionStatus {
  readonly op: 'setSectionStatus';
  readonly reportId: string;
  readonly sectionId: string;
  readonly status: SectionStatus;
  readonly by: string;
  readonly at: Date;
}

/**
 * Appends one answer; nothing is ever updated or deleted. The newest standing answer per
 * question is current (see `currentAnswers` in `report/answers.ts`). `撤销` appends a copy of the
 * withdrawn answer with `retracts: true`, which withdraws the newest standing answer to that
 * question, so the one before it becomes current again. The adapter makes each append
 * idempotent per turn (msgid + op index).
 */
export interface AppendAnswer {
  readonly op: 'appendAnswer';
  readonly answer: Answer;
}

/** Sets the report's deadline, a calendar date `YYYY-MM-DD` in Asia/Shanghai. Admin-only. */
export interface SetDeadline {
  readonly op: 'setDeadline';
  readonly reportId: string;
  readonly deadline: string;
  readonly by: string;
  readonly at: Date;
}

/**
 * Sets the report's office kind (镇/乡/街道/县直部门), 主送机关 or 落款 (`设置类型`, `设置主送`,
 * `设置落款`); only the fields given change. Admin-only.
 */
export interface SetReportFormat {
  readonly op: 'setReportFormat';
  readonly reportId: string;
  readonly office?: OfficeKind;
  readonly addressee?: string;
  readonly signing?: Signing;
  readonly by: string;
  readonly at: Date;
}

/**
 * Sets the org's group push webhook key (the `key=` of a WeCom group robot webhook URL).
 * A secret: store it, never log it; replies only ever show its last 4 characters. Admin-only.
 */
export interface SetWebhook {
  readonly op: 'setWebhook';
  readonly orgId: string;
  readonly key: string;
  readonly by: string;
  readonly at: Date;
}

/**
 * Pauses (`暂停提醒`) or resumes (`恢复提醒`) the scheduled deadline reminders of one report.
 * Idempotent. Admin-only (checked). A paused report still answers `提醒计划` and `立即提醒`.
 */
export interface SetRemindersPaused {
  readonly op: 'setRemindersPaused';
  readonly reportId: string;
  readonly paused: boolean;
  readonly by: string;
  readonly at: Date;
}

/**
 * Compose a draft of the report (chat preview in markdown + .docx link) and deliver it to
 * `deliverTo`. The engine has already replied that it is on its way.
 */
export interface RequestDraft {
  readonly op: 'requestDraft';
  readonly reportId: string;
  readonly orgId: string;
  readonly deliverTo: ReplyTarget;
  readonly at: Date;
}

/** Run the checker on the report's current draft and deliver its findings to `deliverTo`. */
export interface RequestCheck {
  readonly op: 'requestCheck';
  readonly reportId: string;
  readonly orgId: string;
  readonly deliverTo: ReplyTarget;
  readonly at: Date;
}

/**
 * A leader's summary. `scope: 'org'`: the org's report in detail (who owes what, what is late);
 * `scope: 'county'`: every child org of `orgId` (a county) and their reports of `year`.
 * Role already checked (leaders and admins).
 */
export interface RequestSummary {
  readonly op: 'requestSummary';
  readonly scope: 'org' | 'county';
  /**
   * What was asked for. `progress` (`全县进度`, or `进度` in a county group): who has done how
   * much and who is late. `figures` (`全县汇总`, `汇总`): the collected figures rolled up. An org's
   * own `进度` is answered by the engine itself, so scope `org` always comes with `figures`.
   */
  readonly view: 'progress' | 'figures';
  readonly orgId: string;
  /** The org's current report, when it has one. */
  readonly reportId?: string;
  readonly year?: number;
  readonly deliverTo: ReplyTarget;
  readonly at: Date;
}

/**
 * The report's progress chart (sections by state against the days left), sent as an image under
 * the turn's own text reply: `进度` in a group. The text says it all; the chart is for the eye.
 */
export interface RequestChart {
  readonly op: 'requestChart';
  readonly orgId: string;
  readonly reportId: string;
  readonly at: Date;
}

/** Compute the reminder schedule for the report (working days, deadline) and deliver it. */
export interface RequestReminderPlan {
  readonly op: 'requestReminderPlan';
  readonly reportId: string;
  readonly orgId: string;
  readonly deliverTo: ReplyTarget;
  readonly at: Date;
}

/**
 * Push a reminder to the group's webhook now (`立即提醒`), @-mentioning whoever still owes a
 * section, even when scheduled reminders are paused: an admin asked for it. Admin-only; the
 * engine only emits it when the org has a push webhook. Replies say whether it went out.
 */
export interface RemindNow {
  readonly op: 'remindNow';
  readonly reportId: string;
  readonly orgId: string;
  readonly deliverTo: ReplyTarget;
  readonly at: Date;
}

/** List the drafts generated for the report so far (`草稿 历史`), newest first. Admins and leaders. */
export interface DraftHistory {
  readonly op: 'draftHistory';
  readonly reportId: string;
  readonly orgId: string;
  readonly deliverTo: ReplyTarget;
  readonly at: Date;
}

/**
 * Issue a single-use invitation code (30 days) for a township or department to join the roll-up
 * of the county org `orgId` (`邀请码`), and deliver it with how to use it. Admin of a county org
 * (checked). Each code is a store write, so it is a request rather than an engine-made id.
 */
export interface IssueInvitation {
  readonly op: 'issueInvitation';
  readonly orgId: string;
  readonly by: string;
  readonly deliverTo: ReplyTarget;
  readonly at: Date;
}

/**
 * Redeem `code` (8 characters, upper-cased by the engine) so that org `orgId` joins the
 * county that issued it (`加入 ABCD2345`): sets the org's parent. Admin of a township or
 * department (checked); the handler refuses unknown, used or expired codes, codes not issued by
 * a county, and a county joining (before using the code up). Joining another county moves it.
 */
export interface JoinCounty {
  readonly op: 'joinCounty';
  readonly orgId: string;
  readonly code: string;
  readonly by: string;
  readonly deliverTo: ReplyTarget;
  readonly at: Date;
}

/** What `导入` reads: text pasted in the chat, or a file sent to the bot (encrypted, 5-minute URL). */
export type ImportSource =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'file'; readonly url: string; readonly name?: string };

/**
 * Read last year's report (pasted text or a sent .docx, single chat only), recognise its parts and
 * keep its 下一年度主要安排 items for `reportId`, replacing an earlier import, so that filling
 * part 一 asks what became of each. Deliver what was recognised to `deliverTo`. Any member may
 * import; the engine has already replied that it is reading.
 */
export interface ImportReport {
  readonly op: 'importReport';
  readonly orgId: string;
  readonly reportId: string;
  readonly source: ImportSource;
  readonly by: string;
  readonly deliverTo: ReplyTarget;
  readonly at: Date;
}
