import { currentAnswers } from '../report/answers.js';
import { isOptionalSection, sectionStatusOf } from '../report/progress.js';
import { templateOfReport } from '../report/office.js';
import { allSections, sectionLabel } from '../report/sections.js';
import type { Answer, Member, Report, SectionState, Template } from '../report/types.js';
import type { AnswerRepository } from '../store/answers.js';
import type { MemberRepository } from '../store/members.js';
import type { OrgRepository } from '../store/orgs.js';
import type { ReportRepository } from '../store/reports.js';
import type { WebhookTarget } from '../wecom/outbound/index.js';
import type { ReminderPolicy } from './policy.js';
import type { ReminderSection, ReminderSource, ReminderSubject } from './ports.js';

export interface StoreReminderSourceDeps {
  readonly reports: Pick<
    ReportRepository,
    'get' | 'all' | 'setRemindersPaused' | 'remindersPaused'
  >;
  readonly members: Pick<MemberRepository, 'ofOrg'>;
  /** Read to decide what is owed, by the one definition in report/progress.ts. */
  readonly answers: Pick<AnswerRepository, 'history'>;
  readonly orgs: Pick<OrgRepository, 'webhookKey' | 'chatIdsOf'>;
  readonly templates: { get(id: string, version: number): Template | undefined };
  /** A report's own reminder settings, when reports get them. */
  readonly policyOf?: (report: Report) => Partial<ReminderPolicy> | undefined;
}

/**
 * A cheap first look at the recorded status, only to pass over reports whose every section was
 * recorded done; what is owed is then decided from the answers (report/progress.ts), so a
 * section whose questions were skipped is still reminded.
 */
const recordedDone = (s: SectionState | undefined) => s?.status === 'done';

/** The runner's view of reports, read from the store. */
export class StoreReminderSource implements ReminderSource {
  readonly #deps: StoreReminderSourceDeps;

  constructor(deps: StoreReminderSourceDeps) {
    this.#deps = deps;
  }

  async activeReportIds(): Promise<string[]> {
    const reports = await this.#deps.reports.all();
    const active: string[] = [];
    for (const r of reports) {
      if (r.sections.some((s) => !recordedDone(s))) active.push(r.id);
      else if ((await this.load(r.id))?.sections.some((s) => !s.done)) active.push(r.id);
    }
    return active;
  }

  async load(reportId: string): Promise<ReminderSubject | undefined> {
    const report = await this.#deps.reports.get(reportId);
    if (!report) return undefined;
    const [members, paused, history] = await Promise.all([
      this.#deps.members.ofOrg(report.orgId),
      this.#deps.reports.remindersPaused(reportId),
      this.#deps.answers.history(reportId),
    ]);
    const policy = this.#deps.policyOf?.(report);
    return {
      reportId,
      title: report.title,
      deadline: report.deadline,
      paused,
      sections: this.#sections(report, members, history),
      leaders: members.filter((m) => m.roles.includes('leader')).map((m) => m.userid),
      adminUserid: report.adminUserid,
      since: report.createdAt,
      ...(policy ? { policy } : {}),
    };
  }

  async setPaused(reportId: string, paused: boolean): Promise<void> {
    await this.#deps.reports.setRemindersPaused(reportId, paused);
  }

  /** The group webhook of the report's org, for {@link WebhookReminderSink}. */
  async webhookTarget(reportId: string): Promise<WebhookTarget | undefined> {
    const report = await this.#deps.reports.get(reportId);
    const key = report && (await this.#deps.orgs.webhookKey(report.orgId));
    return report && key ? { id: report.orgId, key } : undefined;
  }

  /** The groups bound to the report's org, for pushes over the long connection. */
  async chatIds(reportId: string): Promise<string[]> {
    const report = await this.#deps.reports.get(reportId);
    return report ? this.#deps.orgs.chatIdsOf(report.orgId) : [];
  }

  async leaders(reportId: string): Promise<string[]> {
    return (await this.load(reportId))?.leaders.slice() ?? [];
  }

  /** In template order, labelled as the template names them; by id if the template is gone. */
  #sections(
    report: Report,
    members: readonly Member[],
    history: readonly Answer[],
  ): ReminderSection[] {
    const names = new Map(members.map((m) => [m.userid, m.name]));
    const states = new Map(report.sections.map((s) => [s.sectionId, s]));
    const current = currentAnswers(history.filter((a) => a.reportId === report.id));
    const template = templateOfReport(this.#deps.templates, report);
    const labelled = template
      ? // Counted as progress.ts counts: an optional section (导语) is never owed nor listed.
        allSections(template)
          .filter((s) => !isOptionalSection(s))
          .map((s) => ({
            id: s.id,
            label: sectionLabel(s),
            done: sectionStatusOf(s, current, states.get(s.id)?.status) === 'done',
          }))
      : report.sections.map((s) => ({
          id: s.sectionId,
          label: s.sectionId,
          done: recordedDone(s),
        }));
    return labelled.map(({ id, label, done }) => {
      const state = states.get(id);
      const userid = state?.assignee;
      const name = userid ? names.get(userid) : undefined;
      return {
        label,
        done,
        ...(userid ? { assignee: { userid, ...(name ? { name } : {}) } } : {}),
      };
    });
  }
}
