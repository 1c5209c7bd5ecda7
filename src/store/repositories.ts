import type { Connection } from 'mongoose';
import { AnswerRepository } from './answers.js';
import { CarriedPlanRepository } from './carried-plans.js';
import { DialogRepository } from './dialogs.js';
import { DraftRepository } from './drafts.js';
import { InvitationRepository } from './invitations.js';
import { MemberRepository } from './members.js';
import { OrgRepository } from './orgs.js';
import { ReportRepository } from './reports.js';
import type { SecretBox } from './secret-box.js';
import { SentReminderRepository } from './sent-reminders.js';

export interface Repositories {
  readonly orgs: OrgRepository;
  readonly members: MemberRepository;
  readonly reports: ReportRepository;
  readonly answers: AnswerRepository;
  readonly dialogs: DialogRepository;
  readonly carriedPlans: CarriedPlanRepository;
  readonly drafts: DraftRepository;
  readonly invitations: InvitationRepository;
  readonly sentReminders: SentReminderRepository;
}

export interface RepositoryOptions {
  /** Seals stored secrets (webhook keys) with DATA_KEY; the running bot always passes one. */
  readonly secrets?: SecretBox;
}

/** All repositories on one connection, with their indexes built. */
export async function createRepositories(
  conn: Connection,
  options: RepositoryOptions = {},
): Promise<Repositories> {
  const repos: Repositories = {
    orgs: new OrgRepository(conn, options.secrets),
    members: new MemberRepository(conn),
    reports: new ReportRepository(conn),
    answers: new AnswerRepository(conn),
    dialogs: new DialogRepository(conn),
    carriedPlans: new CarriedPlanRepository(conn),
    drafts: new DraftRepository(conn),
    invitations: new InvitationRepository(conn),
    sentReminders: new SentReminderRepository(conn),
  };
  await Promise.all(Object.values(repos).map((r) => r.init()));
  return repos;
}
