import type {
  DraftHistory,
  ImportReport,
  IssueInvitation,
  JoinCounty,
  Operation,
  RemindNow,
  RequestCheck,
  RequestDraft,
  RequestReminderPlan,
  RequestSummary,
  RequestChart,
} from '../chat/operations.js';
import { isDuplicateKey } from '../store/duplicates.js';
import type { Repositories } from '../store/repositories.js';
import { claimTexts } from './texts/claim.js';

/**
 * An operation that needs work beyond one plain store write (composing, checking, summarising,
 * planning, pushing, or a store call whose result shapes the reply, like an invitation code).
 */
export type Request =
  | RequestDraft
  | RequestCheck
  | RequestSummary
  | RequestChart
  | RequestReminderPlan
  | ImportReport
  | RemindNow
  | DraftHistory
  | IssueInvitation
  | JoinCounty;

const REQUEST_OPS: ReadonlySet<Operation['op']> = new Set<Request['op']>([
  'requestDraft',
  'requestCheck',
  'requestSummary',
  'requestChart',
  'requestReminderPlan',
  'importReport',
  'remindNow',
  'draftHistory',
  'issueInvitation',
  'joinCounty',
]);

/** Whether an operation is a request (handled beyond the store) rather than a plain write. */
export function isRequest(op: Operation): op is Request {
  return REQUEST_OPS.has(op.op);
}

export type ApplyOutcome =
  | {
      readonly kind: 'applied';
      readonly requests: readonly Request[];
      /** Some answer was already stored under its op key: this is a replay of an earlier run. */
      readonly replayed: boolean;
    }
  /** A claim was lost to someone faster: nothing after it was applied; send `reply` instead. */
  | { readonly kind: 'taken'; readonly reply: string };

/**
 * Applies a turn's operations in order, each one atomic single-document write. `turnKey`
 * identifies the turn (the callback's msgid); with the op's index it makes every append
 * idempotent, so a turn replayed after a crash never appends the same answer twice.
 */
export async function applyOperations(
  repos: Repositories,
  ops: readonly Operation[],
  turnKey: string,
): Promise<ApplyOutcome> {
  const requests: Request[] = [];
  let replayed = false;
  for (const [index, op] of ops.entries()) {
    if (isRequest(op)) {
      requests.push(op);
      continue;
    }
    switch (op.op) {
      case 'createOrg':
        await ignoreDuplicate(repos.orgs.create(op.org, op.at));
        break;
      case 'bindChat':
        await repos.orgs.bindChat(op.chatId, op.orgId, op.at);
        break;
      case 'addMember':
        await repos.members.ensure(op.orgId, op.userid, op.roles, op.at);
        break;
      case 'grantRole':
        await repos.members.grant(op.orgId, op.userid, op.role, op.at);
        break;
      case 'createReport': {
        const { sections, ...report } = op.report;
        await ignoreDuplicate(
          repos.reports.create(
            report,
            sections.map((s) => s.sectionId),
          ),
        );
        break;
      }
      case 'assignSection':
        await repos.reports.assign(op.reportId, op.sectionId, op.assignee ?? undefined, op.at);
        break;
      case 'claimSection':
        if (!(await repos.reports.claim(op.reportId, op.sectionId, op.userid, op.at))) {
          return {
            kind: 'taken',
            reply: op.ifTaken.replace('{holder}', await holderName(repos, op)),
          };
        }
        break;
      case 'setSectionStatus':
        await repos.reports.setStatus(op.reportId, op.sectionId, op.status, op.by, op.at);
        break;
      case 'appendAnswer':
        if (!(await repos.answers.append(op.answer, `${turnKey}:${index}`))) replayed = true;
        break;
      case 'setDeadline':
        await repos.reports.setDeadline(op.reportId, op.deadline);
        break;
      case 'setReportFormat':
        await repos.reports.setFormat(op.reportId, {
          ...(op.office ? { office: op.office } : {}),
          ...(op.addressee !== undefined ? { addressee: op.addressee } : {}),
          ...(op.signing ? { signing: op.signing } : {}),
        });
        break;
      case 'setWebhook':
        await repos.orgs.setWebhookKey(op.orgId, op.key);
        break;
      case 'setRemindersPaused':
        await repos.reports.setRemindersPaused(op.reportId, op.paused);
        break;
      default: {
        const unknown: never = op;
        throw new Error(`unknown operation ${(unknown as { op: string }).op}`);
      }
    }
  }
  return { kind: 'applied', requests, replayed };
}

/** Who won a claim, as the loser should read it; "someone else" when the store cannot say. */
async function holderName(
  repos: Repositories,
  op: { reportId: string; sectionId: string },
): Promise<string> {
  const report = await repos.reports.get(op.reportId);
  const holder = report?.sections.find((s) => s.sectionId === op.sectionId)?.assignee;
  if (!report || !holder) return claimTexts.someoneElse;
  const member = (await repos.members.ofOrg(report.orgId)).find((m) => m.userid === holder);
  return ` ${member?.name ?? holder} `;
}

/** Creating what a replayed turn already created is not an error. */
async function ignoreDuplicate(write: Promise<unknown>): Promise<void> {
  try {
    await write;
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
  }
}
