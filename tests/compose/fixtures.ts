/**
 * A small township template and a year of answers, written for these tests (not taken from any
 * published report). Section and indicator names follow the usual five-part layout.
 */
import type {
  Answer,
  AnswerValue,
  Member,
  Qualifier,
  Quantity,
  Report,
  Section,
  Template,
} from '../../src/report/types.js';

const section = (s: Partial<Section> & Pick<Section, 'id' | 'part' | 'heading'>): Section => ({
  keywords: [],
  questions: [],
  metrics: [],
  relations: [],
  ...s,
});

export const template: Template = {
  id: 'township-test',
  version: 1,
  name: '乡镇法治政府建设情况报告（测试）',
  orgKind: 'township',
  titlePattern: '{org}{year}年法治政府建设情况报告',
  joint: false,
  addresseePattern: '{county}委、{county}人民政府：',
  parts: [
    {
      no: 1,
      role: 'measures',
      heading: '上一年度推进法治政府建设的主要举措和成效',
      sections: [
        section({
          id: '1.1',
          part: 1,
          heading: '加强党的领导，学习贯彻习近平法治思想',
          questions: [
            { id: 'how', prompt: '党委怎样组织学法？', kind: 'text' },
            { id: 'sessions', prompt: '专题学法几次？', kind: 'number', metric: 'sessions' },
          ],
          metrics: [
            { key: 'sessions', name: '党委理论学习中心组专题学法', unit: '次', type: 'integer' },
          ],
        }),
        section({
          id: '1.4',
          part: 1,
          heading: '规范行政执法',
          questions: [
            { id: 'how', prompt: '执法规范化做了什么？', kind: 'text' },
            { id: 'officers', prompt: '持证执法人员有几名？', kind: 'number', metric: 'officers' },
          ],
          metrics: [{ key: 'officers', name: '持证执法人员', unit: '名', type: 'integer' }],
        }),
        section({
          id: '1.5',
          part: 1,
          heading: '矛盾纠纷预防化解',
          questions: [
            { id: 'measures', prompt: '有哪些化解举措？', kind: 'list' },
            { id: 'found', prompt: '排查矛盾纠纷多少起？', kind: 'number', metric: 'found' },
            { id: 'resolved', prompt: '化解多少起？', kind: 'number', metric: 'resolved' },
            {
              id: 'rate',
              prompt: '调解成功率是多少？',
              kind: 'number',
              metric: 'rate',
              optional: true,
            },
          ],
          metrics: [
            { key: 'found', name: '排查矛盾纠纷', unit: '起', type: 'integer' },
            { key: 'resolved', name: '成功化解', unit: '起', type: 'integer' },
            { key: 'rate', name: '调解成功率', unit: '%', type: 'percent', min: 0, max: 100 },
          ],
          relations: [
            { kind: 'lte', left: 'resolved', right: 'found' },
            { kind: 'rate', rate: 'rate', numerator: 'resolved', denominator: 'found' },
          ],
        }),
        section({
          id: '1.6',
          part: 1,
          heading: '普法与法治乡村',
          questions: [
            { id: 'activities', prompt: '开展了哪些普法活动？', kind: 'list' },
            { id: 'events', prompt: '普法活动多少场次？', kind: 'number', metric: 'events' },
            { id: 'materials', prompt: '发放资料多少份？', kind: 'number', metric: 'materials' },
            {
              id: 'reached',
              prompt: '覆盖多少人次？',
              kind: 'number',
              metric: 'reached',
              optional: true,
            },
          ],
          metrics: [
            { key: 'events', name: '开展普法宣传活动', unit: '场次', type: 'integer' },
            { key: 'materials', name: '发放宣传资料', unit: '份', type: 'integer' },
            { key: 'reached', name: '受教育群众', unit: '人次', type: 'integer' },
          ],
        }),
        section({
          id: '1.8',
          part: 1,
          heading: '权力监督与政务公开',
          questions: [{ id: 'how', prompt: '政务公开和监督情况？', kind: 'text' }],
        }),
      ],
    },
    {
      no: 2,
      role: 'shortcomings',
      heading: '上一年度推进法治政府建设存在的不足和原因',
      sections: [
        section({
          id: '2',
          part: 2,
          heading: '存在的不足和原因',
          questions: [{ id: 'problems', prompt: '有哪些不足，原因是什么？', kind: 'list' }],
        }),
      ],
    },
    {
      no: 3,
      role: 'first_responsible',
      heading: '党政主要负责人履行推进法治建设第一责任人职责情况',
      sections: [
        section({
          id: '3',
          part: 3,
          heading: '党政主要负责人履职情况',
          questions: [
            { id: 'duties', prompt: '主要负责人如何履职？', kind: 'text' },
            { id: 'meetings', prompt: '主持专题会议几次？', kind: 'number', metric: 'meetings' },
            { id: 'court', prompt: '是否出庭应诉？', kind: 'yesno', optional: true },
          ],
          metrics: [
            { key: 'meetings', name: '主持召开法治建设专题会议', unit: '次', type: 'integer' },
          ],
        }),
      ],
    },
    {
      no: 4,
      role: 'plans',
      heading: '下一年度推进法治政府建设的主要安排',
      sections: [
        section({
          id: '4',
          part: 4,
          heading: '主要安排',
          questions: [{ id: 'plans', prompt: '明年有哪些安排？', kind: 'list' }],
        }),
      ],
    },
    {
      no: 5,
      role: 'other',
      heading: '其他需要报告的情况',
      sections: [
        section({
          id: '5',
          part: 5,
          heading: '其他需要报告的情况',
          questions: [{ id: 'other', prompt: '还有什么需要报告？', kind: 'text' }],
        }),
      ],
    },
  ],
};

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
    { sectionId: '1.4', assignee: 'lisi', status: 'todo' },
    { sectionId: '1.5', assignee: 'zhangsan', status: 'done' },
    { sectionId: '1.6', assignee: 'zhangsan', status: 'done' },
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

/** A plausible set of answers for most of the report; 1.4 is half done, 1.8 and 5 are empty. */
export function yearOfAnswers(): Answer[] {
  return [
    answer('1.1', 'how', text('镇党委把法治学习列入每月例会议程，班子成员轮流领学新修订的法规')),
    answer('1.1', 'sessions', num(12, '次')),
    answer(
      '1.5',
      'measures',
      list('在各村设立调解小组', '镇综治中心每周集中接待来访群众', '对涉土地纠纷实行包案到人'),
    ),
    answer('1.5', 'found', num(18, '起')),
    answer('1.5', 'resolved', num(17, '起')),
    answer('1.6', 'activities', list('赶集日设摊讲解民法典', '在两所小学开设防欺凌法治课')),
    answer('1.6', 'events', num(50, '场次', 'over', '50多场')),
    answer('1.6', 'events', num(70, '场次', 'over', '70余场次')),
    answer('1.6', 'materials', num(1000, '份', 'over', '1000余份')),
    answer('1.6', 'reached', num(12_000, '人次', undefined, '1.2万人次', true)),
    answer('1.4', 'how', text('推行执法全过程记录，案卷每季度互评')),
    answer(
      '2',
      'problems',
      list('执法人员多为兼职，专业力量不足', '普法形式较单一，针对青年群体的内容偏少'),
    ),
    answer('3', 'duties', text('镇党委书记、镇长带头讲法治课，年终述法')),
    answer('3', 'meetings', num(4, '次')),
    answer('3', 'court', { kind: 'yesno', yes: true }),
    answer(
      '4',
      'plans',
      list('组织执法人员分批参加资格考试', '制作方言版普法短视频', '推动村法律顾问每月到村坐班'),
    ),
  ];
}
