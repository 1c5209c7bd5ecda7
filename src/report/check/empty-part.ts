import type { ReportPart } from '../import/parse.js';
import { partName } from '../import/roles.js';
import { contentLength, sentences } from './text.js';
import type { Finding, Rule } from './types.js';

/** Below this many content characters a part cannot say anything specific. */
export const MIN_PART_LENGTH = 30;

/**
 * Stock phrases that say nothing on their own. A sentence made of them and nothing concrete
 * (a figure, a named document) is what county reviewers mark down as 空话套话.
 */
const SLOGANS: readonly string[] = [
  '高度重视',
  '扎实推进',
  '取得明显成效',
  '取得显著成效',
  '取得了明显成效',
  '取得了显著成效',
  '取得一定成效',
  '取得了一定成效',
  '成效明显',
  '成效显著',
  '认真贯彻',
  '认真落实',
  '全面贯彻',
  '全面落实',
  '贯彻落实',
  '深入贯彻',
  '深入推进',
  '深入开展',
  '大力推进',
  '积极推进',
  '稳步推进',
  '有序推进',
  '持续推进',
  '全力推进',
  '不断加强',
  '进一步加强',
  '切实加强',
  '全面加强',
  '着力加强',
  '不断提升',
  '有效提升',
  '明显提升',
  '显著提升',
  '全面提升',
  '不断完善',
  '进一步完善',
  '进一步提高',
  '不断提高',
  '切实提高',
  '显著增强',
  '不断增强',
  '明显增强',
  '良好氛围',
  '浓厚氛围',
  '齐抓共管',
  '落到实处',
  '落地见效',
  '多措并举',
  '统筹推进',
  '有力保障',
  '坚强保障',
  '新台阶',
  '新局面',
  '新成效',
  '新格局',
  '高位推动',
  '常抓不懈',
  '压紧压实',
  '层层压实',
  '层层落实',
  '决策部署',
  '政治站位',
  '思想自觉',
  '行动自觉',
  '真抓实干',
  '担当作为',
  '主动作为',
  '久久为功',
  '法治思维和法治方式',
  '各项工作',
  '工作要求',
];

/** A figure: Arabic digits, or a Chinese numeral with a measure word (十余次, 三场). */
const FIGURE =
  /\d|[一二两三四五六七八九十百千万]+[余多]?(次|场|人|件|名|个|项|起|份|条|户|期|家|所|批|篇|册|万|千|百)/;

/** Something checkable besides figures: a named document or rule (《…》). */
const NAMED = /《[^》]{2,}》/;

const NOTHING_TO_REPORT = /^(无|没有|暂无|本年度无|本年度没有)/;

function isSloganSentence(s: string): boolean {
  if (hasFigure(s) || NAMED.test(s)) return false;
  return SLOGANS.some((p) => s.includes(p));
}

/** 【待填写：…】 and similar markers: what is still missing is not what the part says. */
const MARKER = /[【[［][^】\]］]*?(待|填写|补充|核实|确认|请)[^】\]］]*[】\]］]/g;

/** Years, months and days say when, not how much: 2025年 is not a figure of the work done. */
const DATES = /(19|20)\d\d\s*年度?|\d{1,2}\s*月(\s*\d{1,2}\s*日)?/g;

/** The part's own words: markers taken out. */
function partText(part: ReportPart): string {
  return part.body.map((l) => l.text.replace(MARKER, '')).join('');
}

function hasFigure(text: string): boolean {
  return FIGURE.test(text.replace(DATES, ''));
}

/** A problem with its cause (原因是…) is a complete 不足 part even in one sentence. */
const MIN_SHORTCOMINGS_WITH_CAUSE = 20;

function judge(part: ReportPart): Finding | undefined {
  const text = partText(part);
  const length = contentLength(text);
  const name = part.roles.map((r) => `“${partName(r)}”`).join('与');
  const line = part.heading.line;
  const other = part.roles.includes('other');
  if (length === 0) {
    const marked = part.body.length > 0;
    return {
      rule: 'empty-part',
      severity: other ? 'warning' : 'error',
      message: other
        ? `${name}下没有内容，如无其他需要报告的情况，请写“无”`
        : marked
          ? `${name}只有待填写标记，还没有内容`
          : `${name}只有标题，没有内容`,
      line,
    };
  }
  if (other) return undefined;
  // “无” answers only 其他需要报告的情况; every other part has something to say.
  if (NOTHING_TO_REPORT.test(text) && length < MIN_PART_LENGTH) {
    return {
      rule: 'empty-part',
      severity: 'error',
      message: `${name}写的是“${text.slice(0, 8).replace(/[。.]$/, '')}”，该部分不能空缺，请如实写明具体情况`,
      line,
    };
  }
  const withCause =
    part.roles.includes('shortcomings') &&
    /原因/.test(text) &&
    length >= MIN_SHORTCOMINGS_WITH_CAUSE;
  if (length < MIN_PART_LENGTH && !withCause) {
    return {
      rule: 'empty-part',
      severity: 'warning',
      message: `${name}内容过短（仅${length}字），缺少具体做法、数据或事例`,
      line,
    };
  }
  const all = part.body.flatMap((l) => sentences(l.text).map((s) => s.text));
  const slogans = all.filter(isSloganSentence);
  const concrete = hasFigure(text) || NAMED.test(text);
  if (!concrete && all.length > 0 && slogans.length / all.length >= 0.6) {
    const used = SLOGANS.filter((p) => text.includes(p)).slice(0, 3);
    return {
      rule: 'empty-part',
      severity: 'warning',
      message: `${name}多为“${used.join('”“')}”等套话，没有数据和具体事例，请补充实际做法和数字`,
      line,
    };
  }
  return undefined;
}

export const emptyPart: Rule = {
  id: 'empty-part',
  name: '内容空洞',
  description: '各部分是否空洞（内容过短，或只有套话、没有数据和具体事例）',
  run({ report }) {
    const findings: Finding[] = [];
    for (const part of report.parts) {
      if (part.roles.length === 0) continue;
      const f = judge(part);
      if (f) findings.push(f);
    }
    // Results without a single figure are the commonest complaint about township reports.
    const measures = report.parts.filter((p) => p.roles.includes('measures'));
    const first = measures[0];
    const flagged = new Set(findings.map((f) => f.line));
    if (first && !measures.some((p) => flagged.has(p.heading.line))) {
      const text = measures.map(partText).join('');
      if (!hasFigure(text)) {
        findings.push({
          rule: 'empty-part',
          severity: 'warning',
          message:
            '“主要举措和成效”中没有任何数据，建议用数字说明成效（如学法次数、培训人次、纠纷化解数和化解率）',
          line: first.heading.line,
        });
      }
    }
    const leader = report.parts.find((p) => p.roles.includes('first_responsible'));
    if (leader && !flagged.has(leader.heading.line)) {
      const text = partText(leader);
      if (contentLength(text) > 0 && !hasFigure(text)) {
        findings.push({
          rule: 'empty-part',
          severity: 'info',
          message:
            '“党政主要负责人履行推进法治建设第一责任人职责情况”中没有具体数字，建议写明主持专题会议、研究法治工作、带头学法和述法的次数',
          line: leader.heading.line,
        });
      }
    }
    return findings;
  },
};
