/**
 * A made-up county for demos and benchmarks: townships and 街道 with members, a report each at
 * varied progress, answers with plausible figures and a year before it already finished. All
 * names and sentences here are invented by us. Pure and seeded: the same options give the same
 * county, so a benchmark measures the same data every time.
 */
import { parseAnswer } from '../chat/answer-parse.js';
import { addDays, shanghaiDate, shanghaiInstant } from '../report/dates.js';
import { allSections } from '../report/sections.js';
import { isOptionalSection } from '../report/progress.js';
import type {
  Answer,
  Member,
  Question,
  Report,
  Section,
  SectionState,
  Template,
} from '../report/types.js';

export interface DemoOptions {
  readonly county: string;
  readonly townships: number;
  readonly membersPerTownship: number;
  /** Finished earlier years kept before the current one (their answers make the store heavy). */
  readonly pastYears: number;
  readonly now: Date;
  readonly seed: number;
}

export interface DemoTownship {
  readonly id: string;
  readonly name: string;
  readonly chatId: string;
  readonly adminUserId: string;
  readonly members: readonly Member[];
  /** Oldest first; the last one is the current report. */
  readonly reports: readonly Report[];
  readonly answers: readonly Answer[];
  /** How far the current report should be taken (0..1), as drawn. */
  readonly target: number;
}

export interface DemoCounty {
  readonly id: string;
  readonly name: string;
  readonly chatId: string;
  readonly leaderUserId: string;
  readonly members: readonly Member[];
  readonly townships: readonly DemoTownship[];
}

const PLACES = [
  '青石',
  '白沙',
  '东河',
  '西岭',
  '南坪',
  '北山',
  '龙泉',
  '凤凰',
  '太平',
  '永安',
  '长兴',
  '和平',
  '金山',
  '银河',
  '松林',
  '柏溪',
  '梅岭',
  '荷塘',
  '明月',
  '清水',
  '桃源',
  '杨柳',
  '石桥',
  '双河',
  '三合',
  '新华',
  '红旗',
  '黄土',
  '马鞍',
  '云雾',
  '高峰',
  '平安',
  '安乐',
  '福田',
  '兴隆',
  '仁和',
];
const SUFFIXES = ['镇', '镇', '乡', '镇', '街道', '乡'];
const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕';
const GIVEN = [
  '建国',
  '海燕',
  '志强',
  '丽华',
  '文斌',
  '晓红',
  '国庆',
  '春梅',
  '伟',
  '静',
  '磊',
  '敏',
  '军',
  '芳',
  '勇',
  '娟',
  '涛',
  '霞',
  '明',
  '艳',
  '斌',
  '秀英',
  '德华',
  '玉兰',
];

/** Plausible figures per metric key: [low, high]. Counts a township really reports. */
const FIGURES: Readonly<Record<string, readonly [number, number]>> = {
  study_sessions: [6, 14],
  law_meetings: [2, 6],
  training_sessions: [3, 10],
  training_attendance: [120, 600],
  duty_items: [120, 260],
  service_cases: [1500, 9000],
  major_decisions: [1, 6],
  legality_reviews: [15, 90],
  legal_advisers: [1, 3],
  enforcement_officers: [6, 30],
  enforcement_cases: [5, 80],
  file_reviews: [5, 40],
  problems_fixed: [2, 12],
  disputes_found: [60, 320],
  petitions: [5, 60],
  pufa_events: [12, 90],
  materials: [1500, 12000],
  people_reached: [2000, 30000],
  legal_literates: [30, 200],
  consultations: [40, 400],
  legal_aid_cases: [3, 40],
  deputy_suggestions: [5, 40],
  disclosures: [30, 300],
  admin_lawsuits: [0, 3],
  leader_meetings: [2, 6],
  leader_issues: [2, 8],
};

/** Our own sentences for the written answers, one set per section. */
const TEXTS: Readonly<Record<string, readonly string[]>> = {
  '1.1': [
    '把学习习近平法治思想列入党委会第一议题，班子成员轮流领学，组织站所负责人旁听庭审。',
    '调整法治建设领导小组，党委会专题听取法治工作汇报，开展法治专题讲座。',
  ],
  '1.2': [
    '便民服务中心推行一窗受理和帮办代办，村级代办点覆盖所有村（社区）。',
    '梳理公布权责清单，群众办事实行一次告知、限时办结。',
  ],
  '1.3': [
    '重大事项严格履行公众参与、风险评估、合法性审查和集体讨论程序，法律顾问全程参与。',
    '合同和文件先由司法所审查再提交党政联席会议研究。',
  ],
  '1.4': [
    '综合行政执法队伍持证上岗，推行执法全过程记录，开展案卷自查。',
    '落实行政执法三项制度，执法文书统一规范。',
  ],
  '1.5': [
    '坚持和发展新时代枫桥经验，村组调解员每月排查一次，重大纠纷由司法所牵头联合调处。',
    '建立矛盾纠纷台账，化解一件销号一件，信访事项按期办结。',
  ],
  '1.6': [
    '落实谁执法谁普法，利用赶集日、夜校和村村响开展宪法、民法典宣传。',
    '开展法律进村入户活动，培养农村学法用法示范户。',
  ],
  '1.7': [
    '一村（社区）一法律顾问全覆盖，公共法律服务站每周固定坐班。',
    '为困难群众办理法律援助，开展法律咨询进网格。',
  ],
  '1.8': [
    '主动接受人大监督和群众监督，按期办理代表建议，依法公开政府信息。',
    '落实政务公开清单，公开栏和网站同步更新。',
  ],
  '2': [
    '部分执法人员业务不够熟练，普法形式还比较单一，村级调解员队伍老化。',
    '原因是培训不够经常，专职法治工作力量不足。',
  ],
  '3': [
    '党委书记亲自部署法治建设重点任务，镇长定期过问重大行政决策和信访积案。',
    '主要负责人带头学法述法，协调解决执法力量不足等问题。',
  ],
  '4': [
    '执法人员全员轮训一次；普法活动每季度不少于三场；调解员队伍补充年轻人。',
    '完善重大决策合法性审查流程，推进公共法律服务站规范化建设。',
  ],
  '5': ['无'],
};
const LISTS: Readonly<Record<string, readonly string[]>> = {
  '2': ['执法人员业务能力有待提升', '普法宣传形式较为单一', '村级调解员队伍年龄偏大'],
  '4': ['组织执法人员全员轮训1次', '每季度开展普法活动不少于3场', '新增村级调解员10名'],
};

/** A small seeded generator (mulberry32): the same seed, the same county. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function townshipNames(count: number): string[] {
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    const place = PLACES[i % PLACES.length]!;
    const round = Math.floor(i / PLACES.length);
    names.push(`${place}${round > 0 ? round + 1 : ''}${SUFFIXES[i % SUFFIXES.length]}`);
  }
  return names;
}

/** The written words of one answer, made up for this township. */
function rawAnswer(
  section: Section,
  question: Question,
  figures: Map<string, number>,
  pick: () => number,
): string {
  const texts = TEXTS[section.id] ?? ['按要求完成相关工作。'];
  switch (question.kind) {
    case 'text':
      return texts[Math.floor(pick() * texts.length)]!;
    case 'list':
      return (LISTS[section.id] ?? texts).map((t, i) => `${i + 1}. ${t}`).join('\n');
    case 'yesno':
      return question.optional || section.id === '5' ? '无' : '是';
    case 'number': {
      const metric = section.metrics.find((m) => m.key === question.metric);
      if (!metric) return '无';
      if (metric.type === 'percent') {
        const rate = section.relations.find((r) => r.kind === 'rate' && r.rate === metric.key);
        if (rate && rate.kind === 'rate') {
          const n = figures.get(rate.numerator);
          const d = figures.get(rate.denominator);
          if (n !== undefined && d) return `${Math.round((n / d) * 1000) / 10}%`;
        }
        return '100%';
      }
      let value: number;
      if (metric.key === 'disputes_resolved') {
        const found = figures.get('disputes_found') ?? 100;
        value = Math.round(found * (0.9 + pick() * 0.09));
      } else {
        const [lo, hi] = FIGURES[metric.key] ?? [metric.min ?? 1, Math.min(metric.max ?? 20, 20)];
        value = Math.round(lo + pick() * (hi - lo));
      }
      figures.set(metric.key, value);
      return `${value}${metric.unit}`;
    }
  }
}

/**
 * Builds the county. Each township's current report is taken to its own drawn share of sections
 * (from a few to all), the next section half answered; its earlier years are complete.
 */
export function buildDemoCounty(template: Template, options: DemoOptions): DemoCounty {
  const pick = rng(options.seed);
  const today = shanghaiDate(options.now);
  const year = Number(today.slice(0, 4));
  const countyId = `demo-county-${options.seed}`;
  const leaderUserId = `demo-leader-${options.seed}`;
  const person = () =>
    `${SURNAMES[Math.floor(pick() * SURNAMES.length)]}${GIVEN[Math.floor(pick() * GIVEN.length)]}`;
  const sections = allSections(template);
  const townships = townshipNames(options.townships).map((name, i): DemoTownship => {
    const id = `${countyId}-t${i + 1}`;
    const members: Member[] = Array.from({ length: options.membersPerTownship }, (_, m) => ({
      orgId: id,
      userid: `${id}-u${m + 1}`,
      roles: m === 0 ? ['admin'] : m < 3 ? ['leader'] : ['official'],
      name: person(),
    }));
    const officials = members.filter((m) => m.roles.includes('official'));
    // Spread from 10% to complete, shuffled so rank does not follow the name order.
    const target =
      options.townships > 1
        ? 0.1 + (0.9 * ((i * 7) % options.townships)) / (options.townships - 1)
        : 0.6;
    const reports: Report[] = [];
    const answers: Answer[] = [];
    for (let back = options.pastYears; back >= 0; back--) {
      const reportYear = year - back;
      const created = back === 0 ? addDays(today, -70) : `${reportYear}-11-20`;
      const deadline =
        back === 0
          ? addDays(today, 20 + (i % 3) * 5 - (i % 11 === 10 ? 30 : 0))
          : `${reportYear + 1}-01-31`;
      const reportId = `${id}-r${reportYear}`;
      const share = back === 0 ? target : 1;
      // Only counted sections make the share (an optional opening is never owed): a township
      // drawn at 40% has 40% of what 进度 counts done; the opening is written once all is done.
      const counted = sections.filter((section) => !isOptionalSection(section));
      const doneCount = Math.round(share * counted.length);
      const span = Math.max(1, (back === 0 ? 68 : 60) - 2);
      const states: SectionState[] = [];
      const figures = new Map<string, number>();
      sections.forEach((section, s) => {
        const assignee = officials[s % officials.length]!.userid;
        const rank = counted.indexOf(section);
        const done = rank === -1 ? doneCount === counted.length : rank < doneCount;
        const partial = rank === doneCount && back === 0;
        const day = addDays(created, 1 + Math.floor(((s + pick()) / sections.length) * span));
        const at = (k: number) =>
          shanghaiInstant(
            day,
            `${String(9 + (k % 8)).padStart(2, '0')}:${String(10 + ((s * 7 + k * 13) % 49)).padStart(2, '0')}`,
          );
        const questions = done ? section.questions : partial ? partlyAnswered(section) : [];
        questions.forEach((question, k) => {
          const raw = rawAnswer(section, question, figures, pick);
          const parsed = parseAnswer(question, section, raw);
          const value = parsed.ok ? parsed.value : ({ kind: 'text', text: raw } as const);
          answers.push({
            reportId,
            sectionId: section.id,
            questionId: question.id,
            raw,
            value,
            userid: assignee,
            at: at(k),
          });
        });
        states.push({
          sectionId: section.id,
          assignee,
          status: done ? 'done' : partial ? 'in_progress' : 'todo',
          ...(done || partial ? { updatedAt: at(questions.length), updatedBy: assignee } : {}),
        });
      });
      reports.push({
        id: reportId,
        orgId: id,
        orgName: name,
        year: reportYear,
        templateId: template.id,
        templateVersion: template.version,
        title: template.titlePattern.replace('{org}', name).replace('{year}', String(reportYear)),
        deadline,
        adminUserid: members[0]!.userid,
        sections: states,
        createdAt: shanghaiInstant(created, '09:00'),
      });
    }
    return {
      id,
      name,
      chatId: `demo-chat-${options.seed}-${i + 1}`,
      adminUserId: members[0]!.userid,
      members,
      reports,
      answers,
      target,
    };
  });
  return {
    id: countyId,
    name: options.county.endsWith('依法治县办') ? options.county : `${options.county}依法治县办`,
    chatId: `demo-chat-${options.seed}-county`,
    leaderUserId,
    members: [
      { orgId: countyId, userid: leaderUserId, roles: ['admin', 'leader'], name: person() },
    ],
    townships,
  };
}

/**
 * The first half of a section's questions, less any that would leave nothing required owed: a
 * section started but not finished must still owe something (report/progress.ts).
 */
function partlyAnswered(section: Section): readonly Question[] {
  const half = section.questions.slice(0, Math.ceil(section.questions.length / 2));
  if (section.questions.slice(half.length).some((q) => !q.optional)) return half;
  const lastRequired = half.filter((q) => !q.optional).at(-1);
  return half.filter((q) => q !== lastRequired);
}
