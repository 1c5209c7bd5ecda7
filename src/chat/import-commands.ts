import { parseReportText, REQUIRED_PARTS } from '../report/import/index.js';
import type { ImportSource } from './operations.js';
import type { Session } from './session.js';
import type { OrgScope } from './types.js';

/**
 * `导入`: last year's report, pasted or sent as a file, is read by a request (the file must be
 * fetched within 5 minutes, and parsing a long text is not the engine's job). The engine only
 * recognises the message, picks the report it is for, and emits `importReport`.
 */

/** Shorter pasted text is a chat message, not a report, whatever it contains. */
export const MIN_REPORT_CHARS = 300;

/** A report needs this many of the five required parts before pasted text counts as one. */
const MIN_PARTS = 2;

const IMPORT_WORD = /^\s*导入(?:去年|上年|上一年|上一年度)?(?:的)?(?:报告)?[\s:：,，]*/u;

/**
 * Pasted text that reads as a whole report: long, with at least two required parts under their
 * own headings (an inferred 主要举措 part does not count: a long numbered answer has those).
 */
export function looksLikeReport(text: string): boolean {
  if (Array.from(text.trim()).length < MIN_REPORT_CHARS) return false;
  const roles = new Set(
    parseReportText(text)
      .parts.filter((p) => !p.implicit)
      .flatMap((p) => p.roles),
  );
  return REQUIRED_PARTS.filter((r) => roles.has(r.role)).length >= MIN_PARTS;
}

const USAGE =
  '请把去年的报告全文粘贴在“导入”后面一起发给我，或直接把 Word 文件（.docx）发给我。我会找出去年的“下一年度主要安排”，填写时逐条问问今年落实得怎么样。';

/** Handles the turn when it is an import (a file, `导入 …`, or a pasted report). */
export function importTurn(s: Session): boolean {
  const { turn } = s;
  const explicit = IMPORT_WORD.exec(turn.text);
  const source: ImportSource | 'usage' | undefined = turn.file
    ? { kind: 'file', url: turn.file.url, ...(turn.file.name ? { name: turn.file.name } : {}) }
    : explicit
      ? turn.text.slice(explicit[0].length).trim() === ''
        ? 'usage'
        : { kind: 'text', text: turn.text.slice(explicit[0].length).trim() }
      : looksLikeReport(turn.text)
        ? { kind: 'text', text: turn.text }
        : undefined;
  if (!source) return false;
  if (turn.chatType === 'group') {
    // A whole report in the group would bury everyone else's messages; files only come in single
    // chat anyway.
    s.say('去年的报告请单聊发给我（直接粘贴全文，或发送 Word 文件），不用发在群里。');
    return true;
  }
  if (source === 'usage') {
    s.say(USAGE);
    return true;
  }
  const scope = importScope(s);
  if (!scope) return true;
  const report = scope.report;
  if (!report || !scope.template) {
    s.say(
      `${scope.org.name}还没有今年的报告。请管理员先在工作群里发送 新建，建好后再把去年的报告发给我。`,
    );
    return true;
  }
  s.scope = scope;
  s.emit({
    op: 'importReport',
    orgId: scope.org.id,
    reportId: report.id,
    source,
    by: s.userid,
    deliverTo: s.replyTarget(),
    at: s.now,
  });
  s.say(
    source.kind === 'file'
      ? `📥 收到文件，正在读取，用作 ${report.title} 的参考……`
      : `📥 收到去年的报告，正在读取，用作 ${report.title} 的参考……`,
  );
  return true;
}

/**
 * The org to import for: the user's only org, or the one chosen before. With several and no
 * choice, ask them to choose first: a file's link would expire while waiting for the answer.
 */
function importScope(s: Session): OrgScope | undefined {
  const orgs = s.ctx.orgs;
  const preferred = s.orgId ?? s.fill?.orgId;
  const scope = orgs.length === 1 ? orgs[0] : orgs.find((o) => o.org.id === preferred);
  if (scope) return scope;
  s.say(
    orgs.length === 0
      ? '你还没有加入任何单位的报告。请先在单位工作群里 @我 发送 帮助，再把去年的报告发给我。'
      : '你在多个单位，请先发送 切换 选好单位，再重新发送去年的报告。',
  );
  return undefined;
}
