import { findQuantities, isSloppyFigure } from '../numbers.js';
import type { Quantity } from '../types.js';
import { COUNT_UNITS, DEFAULT_COUNT_UNIT } from './measure-words.js';
import { enumerationFindings, partsExceedTotal } from './number-shapes.js';
import { sentences } from './text.js';
import { numberInconsistentTexts } from './texts/number-inconsistent.js';
import type { Finding, Rule } from './types.js';

/** A rate may differ from what its counts give by this many percentage points (rounding). */
export const RATE_TOLERANCE = 0.5;

/** How far a keyword may stand before the figure it introduces (排查各类矛盾纠纷隐患35起). */
const MAX_GAP = 20;

type Role = 'found' | 'resolved' | 'rate';

/**
 * `handled` words (调解, 调处) name the base when nothing else does (调解纠纷64起，调解成功61起)
 * and the handled count when a base came first (办理复议案件141件，调解75件).
 */
type Said = Role | 'handled';

/*
 * Rates first: 化解率 contains 化解. Resolved before found: 调处成功 contains 调处.
 */
const KEYWORDS: readonly { role: Said; re: RegExp }[] = [
  {
    role: 'rate',
    re: /(化解|调解成功|调处成功|调解|调处|办结|审结|结案|解决|成功|息访|整改)率/g,
  },
  {
    role: 'resolved',
    re: /调解成功|调处成功|成功调解|成功调处|成功化解|化解|调结|办结|审结|结案|解决|息访|整改/g,
  },
  { role: 'handled', re: /调处|调解/g },
  { role: 'found', re: /排查|摸排|受理|收到|接到|登记|发现|接待|办理/g },
];

interface Bound {
  readonly role: Said;
  readonly q: Quantity;
  /** The keyword as written, to quote the figure back: 化解33起. */
  readonly said: string;
}

interface Token {
  readonly at: number;
  readonly end: number;
  readonly role?: Said | 'ambiguous';
  readonly q?: Quantity;
}

/** A keyword followed by one of these names a thing (调解员, 化解中心), not an act that was counted. */
const NOUN_AFTER = /^(员|室|站|中心|机制|体系|网络|平台|队伍|组织|工作室|委员会|小组|制度|工作)/;

function keywordTokens(text: string): Token[] {
  const tokens: Token[] = [];
  // Work on a copy where matched words are blanked, so 化解率 is not read again as 化解.
  let work = text;
  for (const { role, re } of KEYWORDS) {
    for (const m of work.matchAll(re)) {
      const end = m.index + m[0].length;
      if (role !== 'rate' && NOUN_AFTER.test(text.slice(end, end + 3))) continue;
      tokens.push({ at: m.index, end, role });
    }
    work = work.replace(re, (s) => '□'.repeat(s.length));
  }
  return tokens;
}

function quantityTokens(text: string): Token[] {
  const tokens: Token[] = [];
  let from = 0;
  for (const q of findQuantities(text)) {
    const at = text.indexOf(q.raw, from);
    if (at < 0) continue;
    tokens.push({ at, end: at + q.raw.length, q });
    from = at + q.raw.length;
  }
  return tokens;
}

/**
 * Binds each figure to the keyword just before it: 排查35起 → found 35. Two different keywords
 * side by side (排查化解35起, 受理并成功调解12件) make the figure ambiguous, so it is left out.
 */
function bind(text: string): Bound[] {
  const tokens = [...keywordTokens(text), ...quantityTokens(text)].sort((a, b) => a.at - b.at);
  const bound: Bound[] = [];
  let pending: Token | undefined;
  for (const t of tokens) {
    if (t.q) {
      if (
        pending &&
        pending.role !== 'ambiguous' &&
        pending.role &&
        t.at - pending.end <= MAX_GAP
      ) {
        const isRate = t.q.unit === '%';
        if ((pending.role === 'rate') === isRate) {
          bound.push({ role: pending.role, q: t.q, said: text.slice(pending.at, t.end) });
        }
      }
      pending = undefined;
      continue;
    }
    if (pending && pending.role !== t.role && t.at - pending.end <= 1) {
      pending = { ...t, at: pending.at, role: 'ambiguous' };
    } else {
      pending = t;
    }
  }
  return bound;
}

/**
 * found, resolved and rate stated together, in that order (排查35起、化解33起、化解率94.3%):
 * a found count, or a role seen twice, starts a new group.
 */
function groups(bound: readonly Bound[]): Partial<Record<Role, Bound>>[] {
  const out: Partial<Record<Role, Bound>>[] = [];
  let cur: Partial<Record<Role, Bound>> = {};
  for (const said of bound) {
    const role: Role =
      said.role === 'handled' ? (cur.found && !cur.resolved ? 'resolved' : 'found') : said.role;
    const b = { ...said, role };
    if (cur[role] || (role === 'found' && Object.keys(cur).length > 0)) {
      out.push(cur);
      cur = {};
    }
    cur[role] = b;
  }
  out.push(cur);
  return out.filter((g) => Object.keys(g).length > 1);
}

const sameKind = (a: Quantity, b: Quantity): boolean =>
  a.unit === b.unit || (COUNT_UNITS.has(a.unit) && COUNT_UNITS.has(b.unit));

const exact = (q: Quantity): boolean => q.qualifier === undefined;

function fmt(n: number): string {
  return String(Number(n.toFixed(1)));
}

function rateFits(rate: Quantity, computed: number): boolean {
  switch (rate.qualifier) {
    case 'at_least':
    case 'over':
      return computed >= rate.value - RATE_TOLERANCE;
    case 'at_most':
      return computed <= rate.value + RATE_TOLERANCE;
    case 'nearly':
      return computed <= rate.value + RATE_TOLERANCE && computed >= rate.value - 5;
    case 'about':
      return Math.abs(computed - rate.value) <= 2;
    case undefined:
      return Math.abs(computed - rate.value) <= RATE_TOLERANCE;
  }
}

function checkGroup(g: Partial<Record<Role, Bound>>, line: number): Finding[] {
  const findings: Finding[] = [];
  const push = (severity: Finding['severity'], message: string): void => {
    findings.push({ rule: 'number-inconsistent', severity, message, line });
  };
  const { found, resolved, rate } = g;
  if (rate && rate.q.value > 100) {
    push('error', numberInconsistentTexts.rateOver100(rate.said));
    return findings;
  }
  if (found && resolved && sameKind(found.q, resolved.q)) {
    const hedged = found.q.qualifier === 'over' || found.q.qualifier === 'about';
    if (!hedged && resolved.q.value > found.q.value) {
      push('error', numberInconsistentTexts.resolvedExceedsFound(resolved.said, found.said));
      return findings;
    }
    if (rate && exact(found.q) && exact(resolved.q) && found.q.value > 0) {
      const computed = (resolved.q.value / found.q.value) * 100;
      if (!rateFits(rate.q, computed)) {
        push(
          'error',
          numberInconsistentTexts.rateMismatch(found.said, resolved.said, fmt(computed), rate.said),
        );
      }
    }
    return findings;
  }
  if (found && rate && !resolved && exact(found.q) && exact(rate.q) && found.q.value > 0) {
    // No resolved count given: some whole number of cases must still produce the rate.
    const n = found.q.value;
    const k = Math.round((rate.q.value * n) / 100);
    if (Math.abs((k / n) * 100 - rate.q.value) > RATE_TOLERANCE) {
      push(
        'warning',
        numberInconsistentTexts.rateNotWhole(found.said, rate.said, k, fmt((k / n) * 100)),
      );
    }
  }
  return findings;
}

/** Table rows (`|` or tab separated): cells read against the header row's keywords. */
function tableCells(line: string): string[] | undefined {
  const trimmed = line.trim();
  const cells = trimmed.includes('|')
    ? trimmed.replace(/^\||\|$/g, '').split('|')
    : trimmed.split('\t');
  if (cells.length < 3) return undefined;
  return cells.map((c) => c.trim());
}

function headerRoles(cells: readonly string[]): (Role | undefined)[] {
  const said = cells.map((c) => KEYWORDS.find(({ re }) => new RegExp(re.source).test(c))?.role);
  const base = said.includes('found') ? 'resolved' : 'found';
  return said.map((r) => (r === 'handled' ? base : r));
}

function cellQuantity(cell: string, header: string): Quantity | undefined {
  const q = findQuantities(cell)[0];
  if (q) return q;
  // Cells often hold a bare figure, the unit being in the header: 排查数（起） | 35.
  if (/^\d+(\.\d+)?%?$/.test(cell)) {
    const percent = cell.endsWith('%') || /率/.test(header);
    const unit = percent ? '%' : (/[（(]([^）)]+)[）)]/.exec(header)?.[1] ?? DEFAULT_COUNT_UNIT);
    return { value: Number(cell.replace('%', '')), unit, raw: cell };
  }
  return undefined;
}

function tableFindings(lines: readonly string[]): Finding[] {
  const findings: Finding[] = [];
  let header: string[] | undefined;
  let roles: (Role | undefined)[] = [];
  lines.forEach((line, i) => {
    const cells = tableCells(line);
    if (!cells) {
      header = undefined;
      return;
    }
    if (cells.every((c) => /^:?-{2,}:?$/.test(c) || c === '')) return;
    if (!cells.some((c) => /\d/.test(c))) {
      header = cells;
      roles = headerRoles(cells);
      return;
    }
    if (!header) return;
    const g: Partial<Record<Role, Bound>> = {};
    cells.forEach((cell, k) => {
      const role = roles[k];
      const head = header?.[k] ?? '';
      if (!role || g[role]) return;
      const q = cellQuantity(cell, head);
      if (q) g[role] = { role, q, said: `${head.replace(/[（(].*$/, '')}${q.raw}` };
    });
    findings.push(...checkGroup(g, i + 1));
  });
  return findings;
}

export const numberInconsistent: Rule = {
  id: 'number-inconsistent',
  name: numberInconsistentTexts.name,
  description: numberInconsistentTexts.description,
  run({ report }) {
    const findings: Finding[] = [];
    report.lines.forEach((line, i) => {
      if (tableCells(line)) return;
      for (const s of sentences(line)) {
        for (const g of groups(bind(s.text))) findings.push(...checkGroup(g, i + 1));
        findings.push(...partsExceedTotal(s.text, i + 1));
      }
      const sloppy = new Set<string>();
      for (const q of findQuantities(line)) {
        if (!sloppy.has(q.raw) && isSloppyFigure(q.raw)) {
          sloppy.add(q.raw);
          findings.push({
            rule: 'number-inconsistent',
            severity: 'warning',
            message: numberInconsistentTexts.sloppyFigure(q.raw, q.value, q.unit),
            line: i + 1,
          });
        }
      }
    });
    findings.push(...tableFindings(report.lines));
    findings.push(...enumerationFindings(report.lines));
    return findings;
  },
};
