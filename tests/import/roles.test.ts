import { describe, expect, it } from 'vitest';
import { rolesOfHeading } from '../../src/report/import/index.js';

describe('rolesOfHeading', () => {
  it.each([
    ['上一年度推进法治政府建设的主要举措和成效', ['measures']],
    ['主要做法和工作成效', ['measures']],
    ['全年工作开展情况', ['measures']],
    ['存在的不足和原因', ['shortcomings']],
    ['存在问题及短板', ['shortcomings']],
    ['上一年度推进法治政府建设存在的不足和原因', ['shortcomings']],
    ['党政主要负责人履行推进法治建设第一责任人职责情况', ['first_responsible']],
    ['上一年度党政主要负责人履责情况', ['first_responsible']],
    ['镇长述法情况', ['first_responsible']],
    ['党委书记、镇长履行法治建设职责情况', ['first_responsible']],
    ['履行推进法治建设职责情况', ['first_responsible']],
    ['下一年度推进法治政府建设的主要安排', ['plans']],
    ['下一步工作打算', ['plans']],
    ['明年工作计划', ['plans']],
    ['2027年工作安排', ['plans']],
    ['下一年度推进法治政府建设的改进措施', ['plans']],
    ['其他需要报告的情况', ['other']],
    ['其他需要报告的事项', ['other']],
    ['存在问题及下一步工作打算', ['shortcomings', 'plans']],
    ['对上级加强法治政府建设的意见建议', []],
    ['强化组织领导，夯实法治基础', []],
  ])('%s → %j', (title, roles) => {
    expect(rolesOfHeading(title)).toEqual(roles);
  });
});
