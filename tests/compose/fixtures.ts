/**
 * The default township template and a year of answers for it. The answers are written for these
 * tests, not taken from any published report.
 */
import { loadTemplates } from '../../src/store/template-files.js';
import type {
  Answer,
  AnswerValue,
  Member,
  Qualifier,
  Quantity,
  Report,
  Template,
} from '../../src/report/types.js';

const loaded = loadTemplates().get('township', 1);
if (!loaded) throw new Error('templates/township.v1.yaml is missing');
/** The default template (joint: issued by the Party committee and the government together). */
export const template: Template = loaded;

export const report: Report = {
  id: 'r-qingshi-2026',
  orgId: 'org-qingshi',
  orgName: '青石镇',
  year: 2026,
  templateId: template.id,
  templateVersion: template.version,
  title: '2026年度法治政府建设情况报告',
  deadline: '2027-02-28',
  adminUserid: 'admin01',
  sections: [
    { sectionId: '1.1', assignee: 'lisi', status: 'done' },
    { sectionId: '1.2', assignee: 'lisi', status: 'done' },
    { sectionId: '1.3', assignee: 'lisi', status: 'done' },
    { sectionId: '1.4', assignee: 'lisi', status: 'in_progress' },
    { sectionId: '1.5', assignee: 'zhangsan', status: 'done' },
    { sectionId: '1.6', assignee: 'zhangsan', status: 'done' },
    { sectionId: '1.7', assignee: 'zhangsan', status: 'done' },
    { sectionId: '1.8', assignee: 'wangwu', status: 'todo' },
    { sectionId: '2', assignee: 'admin01', status: 'done' },
    { sectionId: '3', assignee: 'admin01', status: 'in_progress' },
    { sectionId: '4', assignee: 'admin01', status: 'done' },
    { sectionId: '5', assignee: 'zhaoliu', status: 'todo' },
  ],
  createdAt: new Date('2026-12-01T02:00:00Z'),
};

export const members: Member[] = [
  { orgId: 'org-qingshi', userid: 'lisi', roles: ['official'], name: '李四' },
  { orgId: 'org-qingshi', userid: 'zhangsan', roles: ['official'], name: '张三' },
  { orgId: 'org-qingshi', userid: 'wangwu', roles: ['official'], name: '王五' },
  { orgId: 'org-qingshi', userid: 'admin01', roles: ['admin'], name: '党政办陈主任' },
];

let clock = Date.parse('2026-12-10T01:00:00Z');

export function answer(
  sectionId: string,
  questionId: string,
  value: AnswerValue,
  extra: Partial<Answer> = {},
): Answer {
  clock += 60_000;
  return {
    reportId: report.id,
    sectionId,
    questionId,
    raw: rawOf(value),
    value,
    userid: 'zhangsan',
    at: new Date(clock),
    ...extra,
  };
}

function rawOf(value: AnswerValue): string {
  switch (value.kind) {
    case 'text':
      return value.text;
    case 'list':
      return value.items.join('\n');
    case 'number':
      return value.quantity.raw;
    case 'yesno':
      return value.yes ? '是' : '否';
    case 'skipped':
      return '跳过';
  }
}

export const text = (t: string): AnswerValue => ({ kind: 'text', text: t });
export const list = (...items: string[]): AnswerValue => ({ kind: 'list', items });
export function num(
  value: number,
  unit: string,
  qualifier?: Qualifier,
  raw?: string,
  inWan?: boolean,
): AnswerValue {
  const quantity: Quantity = {
    value,
    unit,
    ...(qualifier ? { qualifier } : {}),
    raw: raw ?? `${value}${unit}`,
    ...(inWan ? { inWan } : {}),
  };
  return { kind: 'number', quantity };
}

export const yes = (note?: string): AnswerValue => ({
  kind: 'yesno',
  yes: true,
  ...(note ? { note } : {}),
});
export const no = (): AnswerValue => ({ kind: 'yesno', yes: false });
export const skipped: AnswerValue = { kind: 'skipped' };

/**
 * A plausible year: most sections answered; 1.4 half done (two counts owed), 1.8 and part 五
 * untouched. 1.6's events were corrected once (50 → 70余).
 */
export function yearOfAnswers(): Answer[] {
  return [
    answer('1.1', 'how', text('镇党委把法治学习列入每月例会议程，班子成员轮流领学新修订的法规')),
    answer('1.1', 'study_sessions', num(12, '次')),
    answer('1.1', 'law_meetings', num(4, '次')),
    answer('1.1', 'training_attendance', num(260, '人次', 'over', '260余人次')),
    answer('1.2', 'duty_list', yes()),
    answer('1.2', 'duty_items', num(180, '项')),
    answer('1.2', 'services', text('便民服务中心实行一窗通办，各村设代办员上门帮办')),
    answer('1.2', 'service_cases', num(3400, '件', 'over', '3400余件')),
    answer(
      '1.3',
      'how',
      text('镇区道路改造和集贸市场搬迁两项事项均先听取群众意见，再提交党委会讨论'),
    ),
    answer('1.3', 'major_decisions', num(2, '项')),
    answer('1.3', 'legality_reviews', num(46, '件')),
    answer('1.3', 'legal_advisers', num(2, '名')),
    answer('1.4', 'how', text('推行执法全过程记录，案卷每季度互评')),
    answer('1.5', 'how', text('镇综治中心每周集中接待来访群众，涉土地纠纷实行包案到人')),
    answer('1.5', 'disputes_found', num(18, '起')),
    answer('1.5', 'disputes_resolved', num(17, '起')),
    answer('1.5', 'mediation_rate', skipped),
    answer('1.5', 'petitions', num(0, '件', undefined, '无')),
    answer('1.6', 'how', text('赶集日设摊讲解民法典，在两所小学开设防欺凌法治课')),
    answer('1.6', 'pufa_events', num(50, '场次', 'over', '50多场')),
    answer('1.6', 'pufa_events', num(70, '场次', 'over', '70余场次')),
    answer('1.6', 'materials', num(1000, '份', 'over', '1000余份')),
    answer('1.6', 'people_reached', num(12_000, '人次', undefined, '1.2万人次', true)),
    answer('1.6', 'legal_literates', num(48, '名')),
    answer('1.7', 'how', text('司法所与村法律顾问轮流到村坐班，现场解答咨询')),
    answer('1.7', 'adviser_coverage', num(100, '%')),
    answer('1.7', 'consultations', num(310, '人次')),
    answer(
      '2',
      'problems',
      list(
        '执法人员多为兼职，专业力量不足',
        '普法形式较单一，针对青年群体的内容偏少',
        '部分村法律顾问到村次数不够',
      ),
    ),
    answer('2', 'causes', text('镇里编制紧张，法治工作经费有限')),
    answer('3', 'how', text('镇党委书记、镇长带头讲法治课，重大执法事项亲自过问')),
    answer('3', 'leader_meetings', num(4, '次')),
    answer('3', 'shufa', yes()),
    answer('3', 'court', no()),
    answer(
      '4',
      'plans',
      list('组织执法人员分批参加资格考试', '制作方言版普法短视频', '推动村法律顾问每月到村坐班'),
    ),
  ];
}
