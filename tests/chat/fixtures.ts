import type { Template } from '../../src/report/types.js';

/**
 * A small township template written for these tests (the real one lives in `templates/`).
 * Keywords are chosen so that `法治宣传` names two sections (an ambiguous reference).
 */
export const townshipTemplate: Template = {
  id: 'township',
  version: 1,
  name: '乡镇（街道）法治政府建设情况报告',
  orgKind: 'township',
  titlePattern: '{org}{year}年法治政府建设情况报告',
  joint: true,
  addresseePattern: '',
  parts: [
    {
      no: 1,
      role: 'measures',
      heading: '上一年度推进法治政府建设的主要举措和成效',
      sections: [
        {
          id: '1.1',
          part: 1,
          heading: '加强党的领导',
          keywords: ['党的领导', '学法', '法治宣传'],
          questions: [
            {
              id: 'study',
              prompt: '全年党委理论学习中心组学法多少次？',
              kind: 'number',
              metric: 'study_sessions',
            },
            {
              id: 'measures',
              prompt: '主要做法有哪些？',
              kind: 'list',
              hint: '每条一行，或用“一是……二是……”',
            },
          ],
          metrics: [
            {
              key: 'study_sessions',
              name: '学法次数',
              unit: '次',
              type: 'integer',
              min: 0,
              max: 100,
            },
          ],
          relations: [],
        },
        {
          id: '1.2',
          part: 1,
          heading: '依法决策与合法性审查',
          keywords: ['依法决策', '合法性审查'],
          questions: [
            {
              id: 'reviews',
              prompt: '全年合法性审查文件和合同共多少件？',
              kind: 'number',
              metric: 'reviews',
            },
          ],
          metrics: [{ key: 'reviews', name: '审查件数', unit: '件', type: 'integer', min: 0 }],
          relations: [],
        },
        {
          id: '1.3',
          part: 1,
          heading: '矛盾纠纷预防化解',
          keywords: ['矛盾纠纷', '调解', '信访'],
          questions: [
            { id: 'measures', prompt: '矛盾纠纷化解的主要做法？', kind: 'list' },
            {
              id: 'found',
              prompt: '全年排查矛盾纠纷多少起？',
              kind: 'number',
              metric: 'disputes_found',
            },
            {
              id: 'resolved',
              prompt: '其中化解多少起？',
              kind: 'number',
              metric: 'disputes_resolved',
            },
            { id: 'case', prompt: '有没有典型案例？简要说一件。', kind: 'text' },
          ],
          metrics: [
            {
              key: 'disputes_found',
              name: '排查矛盾纠纷',
              unit: '起',
              type: 'integer',
              min: 0,
              max: 100000,
            },
            {
              key: 'disputes_resolved',
              name: '化解矛盾纠纷',
              unit: '起',
              type: 'integer',
              min: 0,
              max: 100000,
            },
          ],
          relations: [{ kind: 'lte', left: 'disputes_resolved', right: 'disputes_found' }],
        },
        {
          id: '1.4',
          part: 1,
          heading: '普法与法治乡村建设',
          keywords: ['普法', '法律明白人', '法治宣传'],
          questions: [
            {
              id: 'events',
              prompt: '全年开展普法活动多少场次？',
              kind: 'number',
              metric: 'events',
            },
          ],
          metrics: [{ key: 'events', name: '普法活动', unit: '场次', type: 'integer', min: 0 }],
          relations: [],
        },
      ],
    },
    {
      no: 2,
      role: 'shortcomings',
      heading: '存在的不足和原因',
      sections: [
        {
          id: '2',
          part: 2,
          heading: '存在的不足和原因',
          keywords: ['不足', '问题'],
          questions: [{ id: 'problems', prompt: '存在哪些不足？各是什么原因？', kind: 'list' }],
          metrics: [],
          relations: [],
        },
      ],
    },
    {
      no: 3,
      role: 'first_responsible',
      heading: '党政主要负责人履行推进法治建设第一责任人职责情况',
      sections: [
        {
          id: '3',
          part: 3,
          heading: '党政主要负责人履行推进法治建设第一责任人职责情况',
          keywords: ['第一责任人', '述法'],
          questions: [{ id: 'report', prompt: '主要负责人是否开展了年终述法？', kind: 'yesno' }],
          metrics: [],
          relations: [],
        },
      ],
    },
  ],
};

export const departmentTemplate: Template = {
  ...townshipTemplate,
  id: 'department',
  name: '县直部门法治政府建设情况报告',
  orgKind: 'department',
};
