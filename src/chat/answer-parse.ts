import { parseQuantity } from '../report/numbers.js';
import { readSectionFigures } from '../report/read-figures.js';
import type { AnswerValue, Question, Section } from '../report/types.js';
import { splitPoints } from '../report/points.js';

export type ParsedAnswer =
  | { readonly ok: true; readonly value: AnswerValue }
  | { readonly ok: false; readonly hint: string };

/** Longest answer kept; a WeCom text message is at most 2048 bytes anyway. */
const MAX_CHARS = 4000;
const NOTHING = /^(无|没有|暂无|无此项|没有此项|不涉及|无相关情况)$/;

/**
 * Reads an answer to one question. Invalid answers get a concrete hint in Chinese; the engine
 * decides how often to ask again.
 */
export function parseAnswer(question: Question, section: Section, raw: string): ParsedAnswer {
  const text = raw.trim();
  if (text === '') return { ok: false, hint: '没有收到内容，请直接回复答案。' };
  if (text.length > MAX_CHARS) {
    return {
      ok: false,
      hint: `内容太长了（${text.length}字），请分几条发送或精简到${MAX_CHARS}字以内。`,
    };
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
  if (items.length === 0)
    return { ok: false, hint: '请写出具体做法，每条一行，或用“一是……二是……”。' };
  if (items.length === 1 && NOTHING.test(items[0] ?? '')) {
    return { ok: true, value: { kind: 'list', items: ['无'] } };
  }
  if (items.every((i) => i.length < 2)) {
    return { ok: false, hint: '内容太简单了，请写清楚做了什么，每条一行。' };
  }
  return { ok: true, value: { kind: 'list', items } };
}

function parseText(text: string): ParsedAnswer {
  if (NOTHING.test(text)) return { ok: true, value: { kind: 'text', text: '无' } };
  if (text.length < 2)
    return { ok: false, hint: '内容太简单了，请用一两句话写清楚。没有可回复“无”。' };
  return { ok: true, value: { kind: 'text', text } };
}

// Longest alternatives first: a regex takes the first alternative that matches.
const YES = /^(已开展|已完成|开展了|是的|有的|已经|做了|需要|肯定|是|有|已|对)/;
const NO = /^(不需要|不是|没有|否|无|未|没|不)/;

function parseYesNo(text: string): ParsedAnswer {
  // `没有` must be tested before `有`.
  const no = NO.exec(text);
  const yes = no ? null : YES.exec(text);
  const hit = no ?? yes;
  if (!hit) return { ok: false, hint: '请回复“是”或“否”，可在后面补充说明，如：是，全年出庭2次。' };
  const note = text
    .slice(hit[0].length)
    .replace(/^[，,。；;：:\s]+/, '')
    .trim();
  return { ok: true, value: { kind: 'yesno', yes: !no, ...(note ? { note } : {}) } };
}
