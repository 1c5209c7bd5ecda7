import { allSections, sectionLabel } from '../report/sections.js';
import type { Member, Report, SectionState, Template } from '../report/types.js';
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
  readonly orgs: Pick<OrgRepository, 'webhookKey' | 'chatIdsOf'>;
  readonly templates: { get(id: string, version: number): Template | undefined };
  /** A report's own reminder settings, when reports get them. */
  readonly policyOf?: (report: Report) => Partial<ReminderPolicy> | undefined;
}

/** Nobody owes a section that is done or that the admin marked as not applicable. */
const settled = (s: SectionState | undefined) => s?.status === 'done' || s?.status === 'skipped';

/** The runner's view of reports, read from the store. */
export class StoreReminderSource implements ReminderSource {
  constructor(private readonly deps: StoreReminderSourceDeps) {}

  async activeReportIds(): Promise<string[]> {
    const reports = await this.deps.reports.all();
    return reports.filter((r) => r.sections.some((s) => !settled(s))).map((r) => r.id);
  }

  async load(reportId: string): Promise<ReminderSubject | undefined> {
    const report = await this.deps.reports.get(reportId);
    if (!report) return undefined;
    const [members, paused] = await Promise.all([
      this.deps.members.ofOrg(report.orgId),
      this.deps.reports.remindersPaused(reportId),
    ]);
    const policy = this.deps.policyOf?.(report);
    return {
      reportId,
      title: report.title,
      deadline: report.deadline,
      paused,
      sections: this.sections(report, members),
      leaders: members.filter((m) => m.roles.includes('leader')).map((m) => m.userid),
      adminUserid: report.adminUserid,
      since: report.createdAt,
      ...(policy ? { policy } : {}),
    };
  }

  async setPaused(reportId: string, paused: boolean): Promise<void> {
    await this.deps.reports.setRemindersPaused(reportId, paused);
  }

  /** The group webhook of the report's org, for {@link WebhookReminderSink}. */
  async webhookTarget(reportId: string): Promise<WebhookTarget | undefined> {
    const report = await this.deps.reports.get(reportId);
    const key = report && (await this.deps.orgs.webhookKey(report.orgId));
    return report && key ? { id: report.orgId, key } : undefined;
  }

  /** The groups bound to the report's org, for pushes over the long connection. */
  async chatIds(reportId: string): Promise<string[]> {
    const report = await this.deps.reports.get(reportId);
    return report ? this.deps.orgs.chatIdsOf(report.orgId) : [];
  }

  async leaders(reportId: string): Promise<string[]> {
    return (await this.load(reportId))?.leaders.slice() ?? [];
  }

  /** In template order, labelled as the template names them; by id if the template is gone. */
  private sections(report: Report, members: readonly Member[]): ReminderSection[] {
    const names = new Map(members.map((m) => [m.userid, m.name]));
    const states = new Map(report.sections.map((s) => [s.sectionId, s]));
    const template = this.deps.templates.get(report.templateId, report.templateVersion);
    const labelled = template
      ? allSections(template).map((s) => ({ id: s.id, label: sectionLabel(s) }))
      : report.sections.map((s) => ({ id: s.sectionId, label: s.sectionId }));
    return labelled.map(({ id, label }) => {
      const state = states.get(id);
      const userid = state?.assignee;
      const name = userid ? names.get(userid) : undefined;
      return {
        label,
        done: settled(state),
        ...(userid ? { assignee: { userid, ...(name ? { name } : {}) } } : {}),
      };
    });
  }
}
