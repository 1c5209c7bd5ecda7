import { parseQuantity } from '../report/numbers.js';
import { readSectionFigures } from '../report/read-figures.js';
import type { AnswerValue, Question, Section } from '../report/types.js';
import { splitPoints } from '../report/points.js';
import { NO, NOTHING, NOTHING_VALUE, YES } from './answer-words.js';
import { answersTexts } from './texts/answers.js';

export type ParsedAnswer =
  | { readonly ok: true; readonly value: AnswerValue }
  | { readonly ok: false; readonly hint: string };

/** Longest answer kept; a WeCom text message is at most 2048 bytes anyway. */
const MAX_CHARS = 4000;

/**
 * Reads an answer to one question. Invalid answers get a concrete hint in Chinese; the engine
 * decides how often to ask again.
 */
export function parseAnswer(question: Question, section: Section, raw: string): ParsedAnswer {
  const text = raw.trim();
  if (text === '') return { ok: false, hint: answersTexts.nothingReceived };
  if (text.length > MAX_CHARS) {
    return { ok: false, hint: answersTexts.tooLong(text.length, MAX_CHARS) };
  }
  switch (question.kind) {
    case 'number':
      return parseNumber(question, section, text);
    case 'list':
      return parseList(text);
    case 'yesno':
      return parseYesNo(text);
    case 'text':
      return parseText(text);
  }
}

function parseNumber(question: Question, section: Section, text: string): ParsedAnswer {
  const metric = section.metrics.find((m) => m.key === question.metric);
  const parsed = parseQuantity(
    text,
    metric
      ? {
          unit: metric.unit,
          type: metric.type,
          ...(metric.min !== undefined ? { min: metric.min } : {}),
          ...(metric.max !== undefined ? { max: metric.max } : {}),
        }
      : undefined,
  );
  if (parsed.ok) return { ok: true, value: { kind: 'number', quantity: parsed.quantity } };
  // A sentence with several figures (学习12次，另研讨交流2次): the words before each one say
  // which this question asks for.
  const [read] = readSectionFigures(section, text, [question]).found;
  if (read) return { ok: true, value: { kind: 'number', quantity: read.quantity } };
  return { ok: false, hint: parsed.hint };
}

function parseList(text: string): ParsedAnswer {
  const items = splitPoints(text);
  if (items.length === 0) return { ok: false, hint: answersTexts.listEmpty };
  if (items.length === 1 && NOTHING.test(items[0] ?? '')) {
    return { ok: true, value: { kind: 'list', items: [NOTHING_VALUE] } };
  }
  if (items.every((i) => i.length < 2)) {
    return { ok: false, hint: answersTexts.listTooThin };
  }
  return { ok: true, value: { kind: 'list', items } };
}

function parseText(text: string): ParsedAnswer {
  if (NOTHING.test(text)) return { ok: true, value: { kind: 'text', text: NOTHING_VALUE } };
  if (text.length < 2) return { ok: false, hint: answersTexts.textTooThin };
  return { ok: true, value: { kind: 'text', text } };
}

function parseYesNo(text: string): ParsedAnswer {
  // `没有` must be tested before `有`.
  const no = NO.exec(text);
  const yes = no ? null : YES.exec(text);
  const hit = no ?? yes;
  if (!hit) return { ok: false, hint: answersTexts.yesNoUnclear };
  const note = text
    .slice(hit[0].length)
    .replace(/^[，,。；;：:\s]+/, '')
    .trim();
  return { ok: true, value: { kind: 'yesno', yes: !no, ...(note ? { note } : {}) } };
}
