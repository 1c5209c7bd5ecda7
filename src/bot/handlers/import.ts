import { templateOfReport } from '../../report/office.js';
import { carriedQuestionId, placeCarriedPlans } from '../../chat/carried.js';
import { findTemplateSection, ref } from '../../chat/render.js';
import type { Logger } from '../../logger.js';
import { docxText, looksLikeDocx } from '../../report/import/docx-text.js';
import {
  extractPlans,
  parseReportText,
  planGist,
  REQUIRED_PARTS,
  type ParsedReport,
} from '../../report/import/index.js';
import type { Template } from '../../report/types.js';
import type { Repositories } from '../../store/repositories.js';
import { FileDownloadError, type WeComFileDownloader } from '../../wecom/file-download.js';
import type { Request } from '../apply.js';
import type { RequestHandlers } from '../requests.js';
import type { TemplateSource } from '../templates.js';
import { lastYearReportTexts } from '../texts/last-year-report.js';

type ImportRequest = Extract<Request, { op: 'importReport' }>;

export interface ImportHandlerDeps {
  readonly repos: Pick<Repositories, 'carriedPlans' | 'reports'>;
  /** Fetches and decrypts a sent file (the bot's own AES key). */
  readonly files: Pick<WeComFileDownloader, 'download'>;
  /** To say which section will ask about each plan; without it the reply just lists them. */
  readonly templates?: TemplateSource;
  readonly log: Logger;
}

/** Plans listed in the reply; the rest are counted (a phone screen is small). */
const MAX_PLANS_SHOWN = 12;

/** A reason the import stopped, as the user reads it. */
class ImportRefused extends Error {
  constructor(readonly reply: string) {
    super(reply);
  }
}

/**
 * `导入`: reads last year's report (pasted text, or a sent .docx fetched and decrypted within its
 * 5-minute life), recognises its parts, and keeps its 下一年度主要安排 items for this year's report,
 * replacing an earlier import, so filling part 一 asks what became of each.
 */
export function importHandlers(deps: ImportHandlerDeps): Pick<RequestHandlers, 'importReport'> {
  return {
    importReport: async (req) => {
      let text: string;
      try {
        text = req.source.kind === 'text' ? req.source.text : await fileText(deps, req);
      } catch (err) {
        if (err instanceof ImportRefused) return [err.reply];
        throw err;
      }
      const parsed = parseReportText(text);
      const plans = extractPlans(parsed);
      const found = REQUIRED_PARTS.filter((p) =>
        parsed.parts.some((x) => x.roles.includes(p.role)),
      );
      if (found.length === 0) {
        return [lastYearReportTexts.notAReport];
      }
      if (plans.length > 0) {
        await deps.repos.carriedPlans.replace({
          reportId: req.reportId,
          orgId: req.orgId,
          plans,
          ...(parsed.year !== undefined ? { year: parsed.year } : {}),
          source: req.source.kind,
          importedAt: req.at,
          importedBy: req.by,
        });
      }
      const template = await templateOf(deps, req.reportId);
      return [importReply(parsed, plans, template)];
    },
  };
}

async function fileText(deps: ImportHandlerDeps, req: ImportRequest): Promise<string> {
  if (req.source.kind !== 'file') throw new Error('not a file source');
  let bytes: Buffer;
  let name: string | undefined = req.source.name;
  try {
    const file = await deps.files.download(req.source.url);
    bytes = file.bytes;
    name ??= file.name;
  } catch (err) {
    if (!(err instanceof FileDownloadError)) throw err;
    deps.log.warn({ failure: err.failure, detail: err.detail }, 'import: file download failed');
    switch (err.failure) {
      case 'expired':
      case 'undecryptable':
        throw new ImportRefused(lastYearReportTexts.linkExpired);
      case 'too_large':
        throw new ImportRefused(lastYearReportTexts.fileTooLarge);
      case 'unreachable':
        throw new ImportRefused(lastYearReportTexts.downloadFailed);
      case 'foreign_host':
        throw new ImportRefused(lastYearReportTexts.foreignHost);
    }
  }
  if (looksLikeDocx(bytes)) {
    try {
      return await docxText(bytes);
    } catch (err) {
      deps.log.warn({ err }, 'import: unreadable .docx');
      throw new ImportRefused(lastYearReportTexts.docxUnreadable);
    }
  }
  const plain = utf8Text(bytes);
  if (plain !== undefined && !/\.(docx?|wps|pdf)$/i.test(name ?? '')) return plain;
  throw new ImportRefused(lastYearReportTexts.notDocx);
}

/** Text in UTF-8 (a .txt or .md sent as a file), or undefined for binary data. */
function utf8Text(bytes: Buffer): string | undefined {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return text.includes('\u0000') ? undefined : text.replace(/^\uFEFF/, '');
  } catch {
    return undefined;
  }
}

async function templateOf(
  deps: ImportHandlerDeps,
  reportId: string,
): Promise<Template | undefined> {
  if (!deps.templates) return undefined;
  const report = await deps.repos.reports.get(reportId);
  return report ? templateOfReport(deps.templates, report) : undefined;
}

/** What was recognised, what is missing, which plans carry over and where they will be asked. */
function importReply(
  parsed: ParsedReport,
  plans: readonly string[],
  template: Template | undefined,
): string {
  const found = REQUIRED_PARTS.filter((p) => parsed.parts.some((x) => x.roles.includes(p.role)));
  const missing = REQUIRED_PARTS.filter((p) => !found.includes(p));
  const lines = [
    parsed.title ? lastYearReportTexts.readTitled(parsed.title.text) : lastYearReportTexts.read,
    lastYearReportTexts.partsFound(
      found.length,
      REQUIRED_PARTS.length,
      found.map((p) => p.name).join('、'),
    ),
  ];
  if (missing.length > 0)
    lines.push(lastYearReportTexts.partsMissing(missing.map((p) => p.name).join('、')));
  lines.push('');
  if (plans.length === 0) {
    lines.push(lastYearReportTexts.noPlans);
    return lines.join('\n');
  }
  const where = template ? placeCarriedPlans(template, plans) : [];
  lines.push(lastYearReportTexts.plansHead(plans.length));
  plans.slice(0, MAX_PLANS_SHOWN).forEach((plan, i) => {
    const placed = where.find((w) => w.question.id === carriedQuestionId(i + 1));
    const section =
      placed && template ? findTemplateSection(template, placed.sectionId) : undefined;
    lines.push(
      section
        ? lastYearReportTexts.planAskedIn(i + 1, planGist(plan), ref(section))
        : lastYearReportTexts.plan(i + 1, planGist(plan)),
    );
  });
  if (plans.length > MAX_PLANS_SHOWN)
    lines.push(lastYearReportTexts.plansMore(plans.length - MAX_PLANS_SHOWN));
  lines.push('', lastYearReportTexts.howPlansAreAsked);
  return lines.join('\n');
}
