import type { Metric, MetricRelation, Part, Section, Template } from '../../src/report/types.js';
import { bareSection } from '../support/templates.js';

/** A small township-shaped template built in code, so section and relation tests need no files. */
export function section(
  id: string,
  heading: string,
  keywords: string[],
  metrics: Metric[] = [],
  relations: MetricRelation[] = [],
): Section {
  return bareSection(id, heading, { keywords, metrics, relations });
}

export const disputeMetrics: Metric[] = [
  { key: 'disputes_found', name: '排查数', unit: '起', type: 'integer', min: 0, max: 3000 },
  { key: 'disputes_resolved', name: '化解数', unit: '起', type: 'integer', min: 0, max: 3000 },
  { key: 'mediation_rate', name: '调解成功率', unit: '%', type: 'percent', min: 0, max: 100 },
];

export const disputeRelations: MetricRelation[] = [
  { kind: 'lte', left: 'disputes_resolved', right: 'disputes_found' },
  {
    kind: 'rate',
    rate: 'mediation_rate',
    numerator: 'disputes_resolved',
    denominator: 'disputes_found',
  },
];

/**
 * The section ids of the official five-part outline in order: eight measures, then one section a
 * part. This fixture and the shipped templates all follow it.
 */
export const OUTLINE_SECTION_IDS = [
  '1.1',
  '1.2',
  '1.3',
  '1.4',
  '1.5',
  '1.6',
  '1.7',
  '1.8',
  '2',
  '3',
  '4',
  '5',
] as const;

const part1: Section[] = [
  section('1.1', '加强党的领导，学习贯彻习近平法治思想', ['党的领导', '习近平法治思想', '学法']),
  section('1.2', '依法全面履行职能', ['履行职能', '权责清单']),
  section('1.3', '依法决策与合法性审查', ['依法决策', '合法性审查', '法律顾问']),
  section('1.4', '规范行政执法', ['行政执法', '执法']),
  section(
    '1.5',
    '矛盾纠纷预防化解',
    ['矛盾纠纷', '调解', '信访'],
    disputeMetrics,
    disputeRelations,
  ),
  section('1.6', '普法与法治乡村', ['普法', '法律明白人', '法治乡村']),
  section('1.7', '公共法律服务', ['公共法律服务', '法律援助']),
  section('1.8', '权力监督与政务公开', ['政务公开', '权力监督']),
];

const parts: Part[] = [
  { no: 1, role: 'measures', heading: '上一年度推进法治政府建设的主要举措和成效', sections: part1 },
  {
    no: 2,
    role: 'shortcomings',
    heading: '存在的不足和原因',
    sections: [section('2', '存在的不足和原因', ['不足', '问题', '原因'])],
  },
  {
    no: 3,
    role: 'first_responsible',
    heading: '党政主要负责人履行推进法治建设第一责任人职责情况',
    sections: [
      section('3', '党政主要负责人履行推进法治建设第一责任人职责情况', ['第一责任人', '述法']),
    ],
  },
  {
    no: 4,
    role: 'plans',
    heading: '下一年度推进法治政府建设的主要安排',
    sections: [
      section('4', '下一年度推进法治政府建设的主要安排', ['明年', '下一年度', '安排', '计划']),
    ],
  },
  {
    no: 5,
    role: 'other',
    heading: '其他需要报告的情况',
    sections: [section('5', '其他需要报告的情况', ['其他'])],
  },
];

export const fixtureTemplate: Template = {
  id: 'fixture',
  version: 1,
  name: '测试模板',
  orgKind: 'township',
  titlePattern: '{org}{year}年法治政府建设情况报告',
  joint: true,
  addresseePattern: '{county}委、{county}人民政府：',
  parts,
};
