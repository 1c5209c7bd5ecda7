/**
 * The paragraphs of one section: the pieces its answers give (section-pieces.ts) laid out, figures
 * gathered into sentences, and a marker for whatever is still owed.
 */
import type { Answer, Section } from '../types.js';
import type { HeadingLevel, MissingItem, Paragraph, Span } from './draft.js';
import { connective, listParagraphs, sentence } from './list-paragraphs.js';
import { collect, type Piece } from './section-pieces.js';
import { connectivesTexts } from './texts/connectives.js';
import { sectionBodyTexts } from './texts/section-body.js';

/** Who owes a section, for the markers. */
export interface Owner {
  readonly assignee?: string;
  readonly assigneeName?: string;
}

export interface SectionBody {
  readonly paragraphs: readonly Paragraph[];
  /** Whether any answer put words into the section (markers do not count). */
  readonly hasContent: boolean;
  readonly missing?: MissingItem;
}

/** 持证执法人员有几名？是否出庭应诉？ / 工作情况；其他情况 — questions keep their own marks. */
function joinQuestions(questions: readonly string[]): string {
  return questions
    .map((q, i) => (i === questions.length - 1 || /[？?]$/u.test(q) ? q : `${q}；`))
    .join('');
}

function figureSpans(figures: readonly Extract<Piece, { kind: 'figure' }>[]): Span[] {
  const spans: Span[] = [];
  figures.forEach((f, i) => {
    const figure: Span = f.derived
      ? { kind: 'figure', text: f.text, ref: f.ref, derived: f.derived }
      : { kind: 'figure', text: f.text, ref: f.ref };
    const label: Span[] = f.label ? [{ kind: 'label', text: f.label }] : [];
    const after: Span[] = f.after ? [{ kind: 'label', text: f.after }] : [];
    spans.push(...label, figure, ...after);
    spans.push(connective(i === figures.length - 1 ? '。' : '，'));
  });
  return spans;
}

/** 负责人：张三 / 尚未分配负责人 */
export function ownerText(owner: Owner): string {
  const who = owner.assigneeName ?? owner.assignee;
  return who ? sectionBodyTexts.ownerNamed(who) : sectionBodyTexts.ownerUnassigned;
}

export function marker(what: string, owner: Owner): Span {
  return { kind: 'marker', text: sectionBodyTexts.marker(what, ownerText(owner)) };
}

/**
 * The paragraphs of one section: its answers in the template's order, figures gathered into
 * sentences (joined to the text before them), and a marker for whatever is still missing.
 */
export function composeSectionBody(
  section: Section,
  current: ReadonlyMap<string, Answer>,
  owner: Owner,
  leadLevel: HeadingLevel,
): SectionBody {
  const { pieces, unanswered, needsWording, negatives, answered } = collect(section, current);
  const paragraphs: Paragraph[] = [];
  let lastWasText = false;
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i] as Piece;
    if (piece.kind === 'text') {
      for (const line of piece.lines) paragraphs.push({ spans: sentence(line, piece.ref) });
      lastWasText = true;
    } else if (piece.kind === 'said') {
      const spans = sentence(piece.text, piece.ref);
      const last = paragraphs.at(-1);
      // A figure told in a sentence joins the text before it, as figures do.
      if (last && !last.lead && (lastWasText || pieces[i - 1]?.kind === 'figure'))
        paragraphs[paragraphs.length - 1] = { spans: [...last.spans, ...spans] };
      else paragraphs.push({ spans });
      lastWasText = true;
    } else if (piece.kind === 'confirmed') {
      const spans: Span[] = [
        { kind: 'confirmed', text: piece.statement, ref: piece.ref },
        connective('。'),
      ];
      const last = paragraphs.at(-1);
      // Confirmations join the text before them rather than stand as one-line paragraphs.
      if (lastWasText && last)
        paragraphs[paragraphs.length - 1] = { spans: [...last.spans, ...spans] };
      else paragraphs.push({ spans });
      lastWasText = true;
    } else if (piece.kind === 'list') {
      paragraphs.push(
        ...listParagraphs(piece.items, piece.ref, leadLevel, piece.lead, piece.numbered),
      );
      lastWasText = false;
    } else {
      const group: Extract<Piece, { kind: 'figure' }>[] = [piece];
      while (pieces[i + 1]?.kind === 'figure') group.push(pieces[++i] as (typeof group)[number]);
      const last = paragraphs.at(-1);
      if (lastWasText && last) {
        paragraphs[paragraphs.length - 1] = { spans: [...last.spans, ...figureSpans(group)] };
      } else {
        paragraphs.push({
          spans: [connective(connectivesTexts.figuresLead), ...figureSpans(group)],
        });
      }
      lastWasText = false;
    }
  }

  const first = negatives[0];
  if (paragraphs.length === 0 && first && unanswered.length === 0 && needsWording.length === 0) {
    // Everything answered, all of it 否/无 (其他需要报告的情况: 无): the report says just that.
    paragraphs.push({
      spans: [
        { kind: 'answer', text: sectionBodyTexts.nothingToReport, ref: first },
        connective('。'),
      ],
    });
  }
  const hasContent = paragraphs.length > 0;
  const base = { sectionId: section.id, sectionHeading: section.heading, ...owner };
  // A section that owes nothing (all optional, progress.ts) gets no marker when left empty.
  if (answered === 0 && unanswered.length > 0) {
    paragraphs.push({
      spans: [marker(sectionBodyTexts.sectionUnanswered(section.heading), owner)],
    });
    return {
      paragraphs,
      hasContent,
      missing: { ...base, questions: [...unanswered, ...needsWording], reason: 'unanswered' },
    };
  }
  const open = [...unanswered, ...needsWording];
  if (open.length) {
    paragraphs.push({ spans: [marker(joinQuestions(open), owner)] });
    return {
      paragraphs,
      hasContent,
      missing: {
        ...base,
        questions: [...unanswered, ...needsWording],
        reason: unanswered.length ? 'incomplete' : 'needs_wording',
      },
    };
  }
  return { paragraphs, hasContent };
}
