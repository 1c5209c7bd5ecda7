/**
 * A list of points as paragraphs: 一是……；二是……。 inside one paragraph, or numbered paragraphs
 * at the next heading level when the points are long and each opens with its own lead.
 */
import { endsClause } from './connectives.js';
import type { AnswerRef, HeadingLevel, Paragraph, Span } from './draft.js';
import { heading, ordinalLead } from './numbering.js';

/** Points this long on average, each opening with a lead, get numbered paragraphs of their own. */
const LONG_POINT_CHARS = 60;

export const connective = (text: string): Span => ({ kind: 'connective', text });

/** A short leading phrase closed by 。 or ：, as in 压实主体责任。建立…… */
const LEAD = /^([^，。；：,;:\n]{2,20})[。：:](.+)$/su;

export function sentence(text: string, ref: AnswerRef, close = '。'): Span[] {
  return endsClause(text)
    ? [{ kind: 'answer', text, ref }]
    : [{ kind: 'answer', text, ref }, connective(close)];
}

export function listParagraphs(
  items: readonly string[],
  ref: AnswerRef,
  leadLevel: HeadingLevel,
  intro?: string,
  /** The template asks for numbered paragraphs at the next heading level (`numbered: true`). */
  numbered = false,
): Paragraph[] {
  // The official's words before the points open the paragraph (or stand before numbered ones).
  const introSpans: Span[] = intro
    ? /[：:，,。；;]$/u.test(intro)
      ? [{ kind: 'answer', text: intro, ref }]
      : [{ kind: 'answer', text: intro, ref }, connective('，')]
    : [];
  if (items.length === 1) return [{ spans: [...introSpans, ...sentence(items[0] as string, ref)] }];
  const leads = items.map((item) => LEAD.exec(item));
  const total = items.reduce((n, item) => n + item.length, 0);
  if (numbered || (total >= LONG_POINT_CHARS * items.length && leads.every(Boolean))) {
    const head: Paragraph[] = !intro
      ? []
      : /[：:]$/u.test(intro)
        ? [{ spans: [{ kind: 'answer', text: intro, ref }] }]
        : [{ spans: sentence(intro, ref) }];
    return head.concat(
      leads.map((m, i) => {
        // A point without a lead of its own is numbered whole: （一）强化队伍建设，分层培训。
        if (!m)
          return {
            lead: { ...heading(leadLevel, i + 1, ''), ref },
            spans: sentence(items[i] as string, ref),
          };
        const [, lead, rest] = m;
        return {
          lead: { ...heading(leadLevel, i + 1, `${lead}。`), ref },
          spans: sentence((rest as string).trim(), ref),
        };
      }),
    );
  }
  const spans: Span[] = [...introSpans];
  items.forEach((item, i) => {
    spans.push(connective(ordinalLead(i + 1)));
    spans.push(...sentence(item, ref, i === items.length - 1 ? '。' : '；'));
  });
  return [{ spans }];
}
