import { saysMoreThanFigure } from '../report/compose/figures.js';
import { formatQuantity } from '../report/numbers.js';
import { allSections, sectionLabel } from '../report/sections.js';
import type { AnswerValue, Member, Section, Template } from '../report/types.js';
import { renderTexts } from './texts/render.js';

/** WeCom allows 20,480 bytes per markdown message; stay far below so nothing is ever cut. */
export const MAX_REPLY_BYTES = 4000;

/** The short reference people type back: `一（三）`, or `二` for a whole part. */
export function ref(section: Section): string {
  const label = sectionLabel(section);
  const number = label.endsWith(section.heading) ? label.slice(0, -section.heading.length) : label;
  return number.replace(/[、：]$/, '');
}

/** `一（三）依法决策与合法性审查`, shortened for a phone screen. */
export function title(section: Section): string {
  return clip(sectionLabel(section), 20);
}

export function findTemplateSection(template: Template, id: string): Section | undefined {
  return allSections(template).find((s) => s.id === id);
}

/** A member's display name (never an @mention: group replies mention nobody by default). */
export function nameOf(members: readonly Member[], userid: string): string {
  return members.find((m) => m.userid === userid)?.name ?? userid;
}

export function namesWithRole(members: readonly Member[], role: Member['roles'][number]): string {
  const names = members.filter((m) => m.roles.includes(role)).map((m) => m.name ?? m.userid);
  return names.length > 0 ? names.join('、') : '';
}

export function clip(text: string, max: number): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}

/**
 * How a saved answer reads back in a recap. Given the words it was read from, a figure told in a
 * sentence shows the sentence too: 4次（全年召开党工委专题会议4次，专题研究……）.
 */
export function showValue(value: AnswerValue, raw?: string): string {
  switch (value.kind) {
    case 'text':
      return clip(value.text, 40);
    case 'list':
      return value.items.length === 1
        ? clip(value.items[0] ?? '', 40)
        : renderTexts.listOfMany(value.items.length, clip(value.items[0] ?? '', 20));
    case 'number':
      return raw !== undefined && saysMoreThanFigure(raw)
        ? `${formatQuantity(value.quantity)}（${clip(raw, 40)}）`
        : formatQuantity(value.quantity);
    case 'yesno':
      if (!value.note) return value.yes ? renderTexts.yes : renderTexts.no;
      return (value.yes ? renderTexts.yesWithNote : renderTexts.noWithNote)(clip(value.note, 30));
    case 'skipped':
      return renderTexts.skipped;
  }
}

/** Cuts a reply that would exceed the size limit, at a line boundary. */
export function fitReply(text: string, maxBytes = MAX_REPLY_BYTES): string {
  const enc = new TextEncoder();
  if (enc.encode(text).length <= maxBytes) return text;
  const lines = text.split('\n');
  const kept: string[] = [];
  let size = 0;
  const tail = renderTexts.replyCut;
  for (const line of lines) {
    const n = enc.encode(line).length + 1;
    if (size + n + enc.encode(tail).length > maxBytes) break;
    kept.push(line);
    size += n;
  }
  return `${kept.join('\n')}\n${tail}`;
}

/** Masks a secret for display: only its last 4 characters. */
export function maskSecret(secret: string): string {
  return `****${secret.slice(-4)}`;
}
