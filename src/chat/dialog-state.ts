import { z } from 'zod';

/**
 * Where one user is in a conversation, as plain JSON (saved by the adapter, keyed by userid, so
 * a section started in a group continues in single chat). Versioned: a saved state of another
 * version is dropped by `parseDialog` rather than misread.
 */
export const DIALOG_VERSION = 1;

/** After this long without a message the dialog is stale: kept, but only `继续` resumes it. */
export const STALE_AFTER_MS = 2 * 60 * 60 * 1000;

/** What to do with a section once a numbered choice has picked it. */
const sectionActionSchema = z.discriminatedUnion('do', [
  z.object({ do: z.literal('fill') }),
  z.object({ do: z.literal('edit') }),
  z.object({ do: z.literal('claim') }),
  z.object({ do: z.literal('assign'), assignee: z.string() }),
]);

const fillSchema = z.object({
  orgId: z.string(),
  reportId: z.string(),
  sectionId: z.string(),
  questionId: z.string(),
  /** `first`: skip questions that already have an answer; `revise` (修改): walk every question. */
  mode: z.enum(['first', 'revise']),
  /** Invalid answers to the current question so far. */
  attempts: z.number().int().min(0),
  /** Interrupted by another command (or gone stale): only `继续` resumes. */
  paused: z.boolean(),
  /** A saved figure disagrees with another one: waiting for `确认` or a corrected figure. */
  confirming: z.boolean().optional(),
  /** The section was told in one paragraph: only what is still owed is asked, not the optional. */
  brief: z.boolean().optional(),
  /** In a brief fill, optional questions still to ask: a figure in the paragraph looked wrong. */
  doubtful: z.array(z.string()).optional(),
});

const newReportSchema = z.object({
  kind: z.literal('newReport'),
  /** Set when the report is for an org that exists already (a bound group, a new year). */
  orgId: z.string().optional(),
  orgName: z.string().optional(),
  year: z.number().int().optional(),
  deadline: z.string().optional(),
  templateId: z.string().optional(),
  /** 镇/乡/街道/县直部门: read from the name, or asked when the name does not tell. */
  office: z.enum(['town', 'xiang', 'subdistrict', 'department']).optional(),
  /** 主送机关 and 落款 when the `新建` line wrote them (`主送 … 落款 单独`). */
  addressee: z.string().optional(),
  signing: z.enum(['joint', 'single']).optional(),
  asking: z.enum(['orgName', 'year', 'deadline', 'template', 'office']),
  attempts: z.number().int().min(0),
});

/** The one question after `新建`: are the 主送机关 and 落款 right (好 keeps them)? */
const frontMatterSchema = z.object({
  kind: z.literal('frontMatter'),
  orgId: z.string(),
  reportId: z.string(),
  attempts: z.number().int().min(0),
});

const pendingSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('pickSection'),
    orgId: z.string(),
    candidates: z.array(z.string()).min(1),
    then: sectionActionSchema,
  }),
  z.object({
    kind: z.literal('pickOrg'),
    orgIds: z.array(z.string()).min(1),
    /** The message to run again once the org is chosen. */
    text: z.string(),
  }),
  newReportSchema,
  frontMatterSchema,
  /**
   * An admin named someone the org does not know yet (nobody by that account has spoken to the
   * bot in the group): waiting for `确认` to add them and then give the role or the section.
   */
  z.object({
    kind: z.literal('addMember'),
    orgId: z.string(),
    userid: z.string(),
    then: z.discriminatedUnion('do', [
      z.object({ do: z.literal('grant'), role: z.enum(['leader', 'admin']) }),
      z.object({ do: z.literal('assign'), reportId: z.string(), sectionId: z.string() }),
    ]),
  }),
]);

const dialogSchema = z.object({
  v: z.literal(DIALOG_VERSION),
  /** Single chat: the org the user chose to work on. */
  orgId: z.string().optional(),
  fill: fillSchema.optional(),
  pending: pendingSchema.optional(),
  /** ISO time of the last message that touched the dialog. */
  updatedAt: z.string(),
});

export type SectionAction = z.infer<typeof sectionActionSchema>;
export type FillState = z.infer<typeof fillSchema>;
export type NewReportPending = z.infer<typeof newReportSchema>;
export type FrontMatterPending = z.infer<typeof frontMatterSchema>;
export type AddMemberPending = Extract<Pending, { kind: 'addMember' }>;
export type Pending = z.infer<typeof pendingSchema>;
export type DialogState = z.infer<typeof dialogSchema>;

/** Reads a saved dialog state; anything unreadable or of another version yields null. */
export function parseDialog(json: unknown): DialogState | null {
  const parsed = dialogSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}

export function isStale(dialog: DialogState, now: Date): boolean {
  return now.getTime() - Date.parse(dialog.updatedAt) > STALE_AFTER_MS;
}

/** The state to save, or null when nothing is left worth keeping. */
export function finishDialog(
  dialog: Omit<DialogState, 'v' | 'updatedAt'>,
  now: Date,
): DialogState | null {
  if (!dialog.fill && !dialog.pending && !dialog.orgId) return null;
  return {
    v: DIALOG_VERSION,
    ...(dialog.orgId ? { orgId: dialog.orgId } : {}),
    ...(dialog.fill ? { fill: dialog.fill } : {}),
    ...(dialog.pending ? { pending: dialog.pending } : {}),
    updatedAt: now.toISOString(),
  };
}
