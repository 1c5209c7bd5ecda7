import {
  checkReport,
  findingLine,
  hasErrors,
  summarizeFindings,
} from '../../report/check/index.js';
import type { ReminderHooks } from '../../schedule/ports.js';
import { loadCheckReferences } from '../../store/check-references.js';
import type { RequestContext, RequestHandlers } from '../requests.js';
import { checkTexts } from '../texts/check.js';
import type { WeComFileDownloader } from '../../wecom/file-download.js';
import { chartHandler, ChatCharts, type ChartDrawer } from './charts.js';
import { countyHandlers } from './county.js';
import { CountyReader } from '../county-reader.js';
import { importHandlers } from './import.js';
import { checkHandler, draftHandler, draftHistoryHandler, type DraftHandlerDeps } from './draft.js';
import { reminderPlanHandler, remindNowHandler } from './reminders.js';
import { SnapshotError } from './snapshot.js';
import { summaryHandler, type SummaryHandlerDeps } from './summary.js';

export interface HandlerDeps extends DraftHandlerDeps, Pick<SummaryHandlerDeps, 'county' | 'dash'> {
  /** Absent while reminders are not running (tests of other parts). */
  readonly reminders?: ReminderHooks;
  /** Draws the charts under 进度, 汇总 and the county views; absent, replies carry none. */
  readonly charts?: ChartDrawer;
  /** Fetches and decrypts files users send (last year's report to import). */
  readonly files: Pick<WeComFileDownloader, 'download'>;
}

const MAX_FINDINGS_SHOWN = 15;

/**
 * Every request the engine can hand off, wired to its handler. A handler that finds the report
 * gone answers with the snapshot's Chinese reason instead of failing the turn.
 */
export function createRequestHandlers(deps: HandlerDeps): RequestHandlers {
  const county = deps.county ?? new CountyReader(deps.repos, deps.templates);
  const charts = new ChatCharts({
    ...(deps.charts ? { charts: deps.charts } : {}),
    ...(deps.log ? { log: deps.log } : {}),
  });
  const handlers: RequestHandlers = {
    requestDraft: draftHandler(deps),
    requestCheck: checkHandler(deps, checkReply),
    requestSummary: summaryHandler({ ...deps, county, charts }),
    requestChart: chartHandler(charts, county),
    ...(deps.reminders
      ? {
          requestReminderPlan: reminderPlanHandler(deps.reminders),
          remindNow: remindNowHandler(deps.reminders),
        }
      : {}),
    draftHistory: draftHistoryHandler(deps),
    ...countyHandlers({ repos: deps.repos, log: deps.log }),
    ...importHandlers(deps),
  };
  return withSnapshotReplies(handlers);
}

/** The checker's findings for a chat: the most important first, capped for a phone screen. */
export function checkReply(text: string, year: number): string {
  const findings = checkReport(text, { year, references: loadCheckReferences() });
  if (findings.length === 0) return checkTexts.clean;
  const shown = findings.slice(0, MAX_FINDINGS_SHOWN);
  const head = hasErrors(findings) ? checkTexts.headErrors : checkTexts.headSuggestionsOnly;
  const more =
    findings.length > shown.length ? [checkTexts.notListed(findings.length - shown.length)] : [];
  return [head, '', ...shown.map(findingLine), ...more, summarizeFindings(findings)].join('\n');
}

function withSnapshotReplies(handlers: RequestHandlers): RequestHandlers {
  const wrapped: Record<string, unknown> = {};
  for (const [op, handler] of Object.entries(handlers)) {
    if (!handler) continue;
    // The turn's context goes through too (a draft is stored once per turn).
    wrapped[op] = async (req: unknown, ctx?: RequestContext) => {
      try {
        return await (handler as (r: unknown, c?: RequestContext) => Promise<string[]>)(req, ctx);
      } catch (err) {
        if (err instanceof SnapshotError) return [err.userMessage];
        throw err;
      }
    };
  }
  return wrapped as RequestHandlers;
}
