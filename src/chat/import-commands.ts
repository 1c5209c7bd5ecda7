import { parseReportText, REQUIRED_PARTS } from '../report/import/index.js';
import type { ImportSource } from './operations.js';
import type { Session } from './session.js';
import { importTexts } from './texts/import.js';
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
    s.say(importTexts.singleChatOnly);
    return true;
  }
  if (source === 'usage') {
    s.say(importTexts.usage);
    return true;
  }
  const scope = importScope(s);
  if (!scope) return true;
  const report = scope.report;
  if (!report || !scope.template) {
    s.say(importTexts.noReportYet(scope.org.name));
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
      ? importTexts.readingFile(report.title)
      : importTexts.readingText(report.title),
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
  s.say(orgs.length === 0 ? importTexts.notInAnyOrg : importTexts.pickOrgFirst);
  return undefined;
}
