import { rolesOfHeading } from './roles.js';
import type { ReportHeading } from './parse.js';

/**
 * Puts headings written at the wrong level back where the outline needs them, so that one slip
 * is one finding and not a cascade (a part "missing", every later number "skipped"):
 * - `1、扛牢政治责任` before any 一、 while a later part is 二、: it is the first part.
 * - `一、主要举措和成效` straight followed by another `一、…` whose next sibling is （二）, or which
 *   names no part: that second one is the first sub-topic, （一）.
 * The marker and title stay as written; `writtenLevel` keeps the level the marker stood for.
 */
export function recoverLevels(
  headings: readonly ReportHeading[],
  lines: readonly string[],
): ReportHeading[] {
  const out = [...headings];
  // 1、 leading the parts.
  const firstTop = out.findIndex((h) => h.level === 1);
  const top = out[firstTop];
  if (top && top.ordinal === 2) {
    // Only the very first heading can be the lost 一、: its sub-topics follow it.
    const lead = out[0];
    // …and only when no sibling at its written level follows (（一）（二）（三） then 二、 are
    // sub-topics whose part heading is missing, not a mis-numbered part).
    const alone = out.slice(1, firstTop).every((h) => h.level !== lead?.level);
    if (firstTop > 0 && lead && alone && lead.ordinal === 1 && lead.style !== 'missing_punct') {
      out[0] = { ...lead, level: 1, style: 'wrong_level', writtenLevel: lead.level };
    }
  }
  // A second 一、 opening the sub-topics.
  for (let i = 1; i < out.length; i++) {
    const h = out[i];
    const prev = out[i - 1];
    if (!h || !prev || h.level !== 1 || prev.level !== 1 || h.ordinal !== prev.ordinal) continue;
    const between = lines.slice(prev.line, h.line - 1).some((l) => l.trim() !== '');
    if (between) continue;
    const next = out.slice(i + 1).find((n) => n.level <= 2);
    const leadsSubs = next?.level === 2 && next.ordinal === 2;
    const namesPart = rolesOfHeading(h.title).length > 0;
    if (leadsSubs || (!namesPart && rolesOfHeading(prev.title).length > 0)) {
      out[i] = { ...h, level: 2, ordinal: 1, style: 'wrong_level', writtenLevel: 1 };
    }
  }
  return out;
}
