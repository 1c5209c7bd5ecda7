/**
 * Finding a template's section from the words people use for it: 一(三), 一（三）, 1.3, 1-3,
 * 第一部分第三项, 二, 第二部分, 三、, or a keyword such as 矛盾纠纷, 普法, 第一责任人, 明年安排.
 *
 * Section ids follow the template rule (checked when a template is parsed): a part with one
 * section has the id `<part>`; a part with several has `<part>.<n>` in order.
 */
import { chineseOrdinal, parseChineseOrdinal } from './chinese-numerals.js';
import { STRUCTURAL_REFS } from './section-ref-patterns.js';
import { sectionLabelsTexts } from './texts/section-labels.js';
import type { Section, Template } from './types.js';

export type SectionRef =
  | { readonly kind: 'found'; readonly section: Section }
  | { readonly kind: 'ambiguous'; readonly candidates: Section[] }
  | { readonly kind: 'none' };

export function allSections(t: Template): Section[] {
  return t.parts.flatMap((p) => p.sections);
}

function ordinalValue(text: string): number | undefined {
  return /^\d+$/.test(text) ? Number(text) : parseChineseOrdinal(text);
}

/** The 1-based position of a section within its part, read from its id (`1.3` → 3). */
function indexInPart(s: Section): number | undefined {
  const m = /^\d+\.(\d+)$/.exec(s.id);
  return m?.[1] === undefined ? undefined : Number(m[1]);
}

/** 一（三）依法决策与合法性审查, 二、存在的不足和原因, 导语：总体情况. */
export function sectionLabel(s: Section): string {
  if (s.part === 0) return sectionLabelsTexts.openingLabel(s.heading);
  const index = indexInPart(s);
  const part = chineseOrdinal(s.part);
  return index === undefined
    ? `${part}、${s.heading}`
    : `${part}（${chineseOrdinal(index)}）${s.heading}`;
}

/**
 * 一（五）矛盾纠纷化解, 二、不足和原因: the label with the template's short name, for lists on a
 * phone; a heading without one is cut at its first comma.
 */
export function sectionShortLabel(s: Section): string {
  const name = s.short ?? s.heading.split(/[，,]/u)[0] ?? s.heading;
  return sectionLabel({ ...s, heading: name });
}

function normalize(words: string): string {
  return words
    .replace(/[（]/g, '(')
    .replace(/[）]/g, ')')
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 0x30))
    .replace(/[．。·]/g, '.')
    .replace(/[－—–_]/g, '-')
    .replace(/\s+/g, '');
}

function sectionsOfPart(t: Template, part: number): Section[] {
  return t.parts.find((p) => p.no === part)?.sections.slice() ?? [];
}

function resolveStructural(t: Template, words: string): SectionRef | undefined {
  for (const [i, re] of STRUCTURAL_REFS.entries()) {
    const m = re.exec(words);
    if (m === null) continue;
    const numbers = m
      .slice(1)
      .filter((g): g is string => g !== undefined)
      .map(ordinalValue);
    if (numbers.some((n) => n === undefined)) return { kind: 'none' };
    const [first, second] = numbers as number[];
    if (first === undefined) continue;
    if (i === STRUCTURAL_REFS.length - 1) {
      // (三) alone: only parts split into sub-sections can be meant.
      const candidates = t.parts
        .map((p) => p.sections.find((s) => indexInPart(s) === first))
        .filter((s): s is Section => s !== undefined);
      return refOf(candidates);
    }
    const inPart = sectionsOfPart(t, first);
    if (second === undefined) return refOf(inPart);
    const exact = inPart.filter((s) => indexInPart(s) === second);
    return refOf(exact);
  }
  return undefined;
}

function refOf(candidates: Section[]): SectionRef {
  const [only] = candidates;
  if (only === undefined) return { kind: 'none' };
  if (candidates.length === 1) return { kind: 'found', section: only };
  return { kind: 'ambiguous', candidates };
}

/**
 * How well `words` names the section: the length of the longest keyword (or heading) found in the
 * words; words that are only a piece of a keyword or heading score a little less, so 执法 means
 * the section with the keyword 执法 rather than one whose heading mentions 谁执法谁普法.
 * 0 when nothing matches.
 */
function keywordScore(s: Section, words: string): number {
  let best = 0;
  for (const k of [...s.keywords, s.heading]) {
    const kw = normalize(k);
    if (kw.length === 0) continue;
    if (words.includes(kw)) best = Math.max(best, kw.length);
    else if (words.length >= 2 && kw.includes(words)) best = Math.max(best, words.length - 0.5);
  }
  return best;
}

export function resolveSection(t: Template, words: string): SectionRef {
  const w = normalize(words);
  if (w === '') return { kind: 'none' };
  const structural = resolveStructural(t, w);
  if (structural !== undefined) return structural;
  const byId = allSections(t).filter((s) => s.id === w);
  if (byId.length === 1) return refOf(byId);
  const scored = allSections(t)
    .map((s) => ({ s, score: keywordScore(s, w) }))
    .filter((x) => x.score > 0);
  const top = Math.max(0, ...scored.map((x) => x.score));
  return refOf(scored.filter((x) => x.score === top).map((x) => x.s));
}
