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

export const expiredLinkReply = '文件链接已过期，请重新发送。';

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
        return [
          '没有认出这是一份法治政府建设情况报告：找不到“一、……”“二、……”这样的部分标题。请发送报告全文（或 Word 文件）。',
        ];
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
        throw new ImportRefused(expiredLinkReply);
      case 'too_large':
        throw new ImportRefused(
          '文件太大（超过20MB）。请只发送报告正文的 Word 文件，或直接粘贴文字。',
        );
      case 'unreachable':
        throw new ImportRefused('文件没能下载下来，请稍后重新发送。');
      case 'foreign_host':
        throw new ImportRefused(
          '这个文件的下载地址不是企业微信的，出于安全没有读取。请在企业微信里直接把 Word 文件发给我，或把报告全文粘贴过来。',
        );
    }
  }
  if (looksLikeDocx(bytes)) {
    try {
      return await docxText(bytes);
    } catch (err) {
      deps.log.warn({ err }, 'import: unreadable .docx');
      throw new ImportRefused('这个 Word 文件打不开，请另存为 .docx 后重新发送，或直接粘贴文字。');
    }
  }
  const plain = utf8Text(bytes);
  if (plain !== undefined && !/\.(docx?|wps|pdf)$/i.test(name ?? '')) return plain;
  throw new ImportRefused(
    '目前只能读取 .docx 格式的 Word 文件。旧版 .doc 或 WPS 文件请另存为 .docx 后再发，或直接把报告全文粘贴给我。',
  );
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
    `**已读取去年的报告**${parsed.title ? `《${parsed.title.text}》` : ''}`,
    `识别到 ${found.length}/${REQUIRED_PARTS.length} 个必备部分：${found.map((p) => p.name).join('、')}`,
  ];
  if (missing.length > 0) lines.push(`⚠️ 没找到：${missing.map((p) => p.name).join('、')}`);
  lines.push('');
  if (plans.length === 0) {
    lines.push(
      '没有找到“下一年度主要安排”里的具体条目，所以这次没有带过来的计划；之前导入的计划（如有）保持不变。',
    );
    return lines.join('\n');
  }
  const where = template ? placeCarriedPlans(template, plans) : [];
  lines.push(`从“下一年度主要安排”带过来 **${plans.length} 条计划**：`);
  plans.slice(0, MAX_PLANS_SHOWN).forEach((plan, i) => {
    const placed = where.find((w) => w.question.id === carriedQuestionId(i + 1));
    const section =
      placed && template ? findTemplateSection(template, placed.sectionId) : undefined;
    lines.push(`${i + 1}. ${planGist(plan)}${section ? `（填写 ${ref(section)} 时问）` : ''}`);
  });
  if (plans.length > MAX_PLANS_SHOWN) lines.push(`……另有 ${plans.length - MAX_PLANS_SHOWN} 条`);
  lines.push(
    '',
    '大家填写第一部分时，我会在相应部分的最后逐条问“去年计划……，今年落实得怎么样？”（选填，可跳过），回答会写进草稿。重新导入会替换这次的计划。',
  );
  return lines.join('\n');
}
