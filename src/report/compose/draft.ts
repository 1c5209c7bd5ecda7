/**
 * A composed draft as a plain document tree. The composer builds it; exporters (markdown, docx)
 * only lay it out, so every word an exporter prints is already in here.
 *
 * Every piece of text is a span that says where its words come from. That is what lets the
 * composer promise it never invents a fact: content comes only from `answer`, `figure` and
 * `confirmed` spans and from the `fact`s it was given; the rest is template wording, fixed
 * connectives or markers.
 */

/** Which answer a span's words were taken from. */
export interface AnswerRef {
  readonly sectionId: string;
  readonly questionId: string;
}

export type Span =
  /** Words taken from an answer: a text, a list item, a yes/no note. */
  | { readonly kind: 'answer'; readonly text: string; readonly ref: AnswerRef }
  /** A figure said back with its unit and qualifier (70余场次); `derived` when computed from counts. */
  | {
      readonly kind: 'figure';
      readonly text: string;
      readonly ref: AnswerRef;
      readonly derived?: {
        readonly numerator: AnswerRef;
        readonly denominator: AnswerRef;
      };
    }
  /** Wording the template supplies: a metric's name before its figure. */
  | { readonly kind: 'label'; readonly text: string }
  /**
   * A yes/no question of the template turned into the statement a 是 answer confirmed:
   * 是否开展了述法？ + 是 → 开展了述法.
   */
  | { readonly kind: 'confirmed'; readonly text: string; readonly ref: AnswerRef }
  /** A fact handed to the composer rather than answered: the org's name, the report's year. */
  | { readonly kind: 'fact'; readonly text: string }
  /** A fixed connective or punctuation mark: 一是, ，, 。, 全年 … (see CONNECTIVES). */
  | { readonly kind: 'connective'; readonly text: string }
  /** A visible 【待填写：…】 marker for something missing. */
  | { readonly kind: 'marker'; readonly text: string };

/** Heading levels of GB/T 9704 practice: 一、 （一） 1. （1）. */
export type HeadingLevel = 1 | 2 | 3 | 4;

export interface Heading {
  readonly level: HeadingLevel;
  /** The number with its punctuation: `一、`, `（一）`, `1.`, `（1）`. */
  readonly number: string;
  readonly text: string;
  /** Set when the heading's words come from an answer (a list item's lead), not the template. */
  readonly ref?: AnswerRef;
}

export interface Paragraph {
  /** A run-in heading printed at the start of the paragraph (`1.压实主体责任。` then the text). */
  readonly lead?: Heading;
  readonly spans: readonly Span[];
}

export interface DraftSection {
  readonly id: string;
  /** Absent when the section is the only one of its part (the part heading covers it). */
  readonly heading?: Heading;
  readonly paragraphs: readonly Paragraph[];
}

export interface DraftPart {
  readonly no: number;
  readonly heading: Heading;
  readonly sections: readonly DraftSection[];
}

/** Something the draft still lacks, and who owes it. */
export interface MissingItem {
  readonly sectionId: string;
  readonly sectionHeading: string;
  /** The prompts of the questions still unanswered (empty when the whole section is). */
  readonly questions: readonly string[];
  readonly assignee?: string;
  readonly assigneeName?: string;
  readonly reason: 'unanswered' | 'incomplete' | 'needs_wording' | 'skipped';
}

export interface Closing {
  /** The issuing bodies, one line each (both Party committee and government when joint). */
  readonly issuers: readonly string[];
  /** 2027年1月9日: Arabic numerals, no zero padding. */
  readonly date: string;
}

export interface Draft {
  readonly reportId: string;
  readonly year: number;
  readonly orgName: string;
  readonly title: string;
  /** `X县委、X县人民政府：`; absent when the addressee is not known. */
  readonly addressee?: string;
  readonly opening: readonly Paragraph[];
  readonly parts: readonly DraftPart[];
  readonly closing: Closing;
  readonly missing: readonly MissingItem[];
}

/** The plain text of a paragraph, run-in heading included. */
export function paragraphText(p: Paragraph): string {
  const lead = p.lead ? p.lead.number + p.lead.text : '';
  return lead + p.spans.map((s) => s.text).join('');
}

export function headingText(h: Heading): string {
  return h.number + h.text;
}
