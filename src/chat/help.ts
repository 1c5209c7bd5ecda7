import type { Session } from './session.js';
import { helpTexts } from './texts/help.js';

/** The `帮助` reply, shaped by who is asking and whether a report exists. */
export function helpText(s: Session): string {
  if (s.scope?.org.kind === 'county' && !s.scope.report) return countyHelp(s);
  if (!s.scope?.report) return helpTexts.noReport;
  const lines: string[] = [helpTexts.forEveryone];
  if (s.hasRole('admin', 'leader')) lines.push(helpTexts.forAdminsAndLeaders);
  if (s.hasRole('admin')) lines.push(helpTexts.forAdmins);
  return lines.join('\n');
}

/** A county office's group: it rolls up the orgs that joined it and files no report here. */
function countyHelp(s: Session): string {
  const lines: string[] = [helpTexts.countyForEveryone];
  if (s.hasRole('admin')) lines.push(helpTexts.countyForAdmins);
  return lines.join('\n');
}

/** For words the engine could not place: short, with what to type instead. */
export function unknownText(s: Session, text: string): string {
  const shown = [...text.trim()].slice(0, 12).join('');
  const tail = [...text.trim()].length > 12 ? '…' : '';
  if (!s.scope?.report) return helpTexts.notUnderstood(`${shown}${tail}`);
  return helpTexts.notUnderstoodWithReport(`${shown}${tail}`);
}

/** Text that looks like an answer, sent while no question is open. */
export function strayAnswerText(s: Session): string {
  const paused = s.fill;
  if (paused) return helpTexts.strayAnswerWhilePaused;
  return helpTexts.strayAnswer;
}

/** Heuristic: digits, several lines, list markers or a longer sentence read as an answer. */
export function looksLikeAnswer(text: string): boolean {
  const t = text.trim();
  return (
    /\d/.test(t) || t.includes('\n') || /[一二三四五六七八九十]是/.test(t) || [...t].length >= 15
  );
}
