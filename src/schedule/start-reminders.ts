import type { Logger } from '../logger.js';
import type { Template } from '../report/types.js';
import type { AnswerRepository } from '../store/answers.js';
import type { MemberRepository } from '../store/members.js';
import type { OrgRepository } from '../store/orgs.js';
import type { ReportRepository } from '../store/reports.js';
import type { SentReminderRepository } from '../store/sent-reminders.js';
import type { GroupPusher } from '../wecom/outbound/index.js';
import { WorkCalendar } from './calendar.js';
import { loadHolidayOverrides } from './holiday-overrides-file.js';
import { ReminderRunner } from './reminder-runner.js';
import { StoreReminderSource } from './report-source.js';
import { WebhookReminderSink } from './webhook-sink.js';
import { ChatFirstReminderSink, type ChatPush } from './chat-sink.js';

export interface StartRemindersDeps {
  readonly redisUrl: string;
  /** Built (and initialised) by the store layer: `createRepositories(...)`. */
  readonly repos: {
    readonly sentReminders: SentReminderRepository;
    readonly reports: ReportRepository;
    readonly members: MemberRepository;
    readonly orgs: OrgRepository;
    readonly answers: AnswerRepository;
  };
  readonly templates: { get(id: string, version: number): Template | undefined };
  /** The shared webhook pusher (`createWeComOutbound(...).pusher`). */
  readonly pusher: Pick<GroupPusher, 'sendText'>;
  /** The long connection's push, when configured: tried first, the webhook is the fallback. */
  readonly chat?: ChatPush;
  readonly log?: Logger;
  /** Admin calendar overrides; `config/holidays.yaml` under the working directory by default. */
  readonly holidaysFile?: string;
  readonly now?: () => Date;
  readonly prefix?: string;
}

/**
 * The production wiring in one call: calendar with the admin's overrides, sent-records, the
 * store-backed source, the webhook sink, and a started runner. The runner is also the
 * {@link ReminderHooks} the chat engine calls; `close()` it on shutdown.
 * A bad `config/holidays.yaml` throws `HolidayOverridesError` (its `describe()` is bilingual).
 */
export async function startReminders(deps: StartRemindersDeps): Promise<ReminderRunner> {
  const calendar = new WorkCalendar(await loadHolidayOverrides(deps.holidaysFile));
  const { sentReminders: records, ...repos } = deps.repos;
  const source = new StoreReminderSource({ ...repos, templates: deps.templates });
  const webhook = new WebhookReminderSink({
    pusher: deps.pusher,
    targetOf: (reportId) => source.webhookTarget(reportId),
    leadersOf: (reportId) => source.leaders(reportId),
    ...(deps.log ? { log: deps.log } : {}),
  });
  const sink = deps.chat
    ? new ChatFirstReminderSink({
        chat: deps.chat,
        chatsOf: (reportId) => source.chatIds(reportId),
        leadersOf: (reportId) => source.leaders(reportId),
        webhook,
        ...(deps.log ? { log: deps.log } : {}),
      })
    : webhook;
  const runner = new ReminderRunner({
    redisUrl: deps.redisUrl,
    records,
    source,
    sink,
    calendar,
    ...(deps.prefix ? { prefix: deps.prefix } : {}),
    ...(deps.now ? { now: deps.now } : {}),
    ...(deps.log ? { log: deps.log } : {}),
  });
  await runner.start();
  return runner;
}
