import { describe, expect, it } from 'vitest';
import { findDate } from '../../src/chat/dates.js';
import { parseDialog, DIALOG_VERSION } from '../../src/chat/dialog-state.js';
import { parseIntent } from '../../src/chat/intent.js';
import { parseNewReportLine } from '../../src/chat/new-report.js';
import { splitPoints } from '../../src/report/points.js';

const now = new Date('2027-01-10T09:00:00+08:00');

describe('parseIntent', () => {
  it.each([
    ['帮助', { kind: 'help' }],
    ['？', { kind: 'help' }],
    ['请问怎么用？', { kind: 'help' }],
    ['你好', { kind: 'help' }],
    ['Hello', { kind: 'help' }],
    ['在吗？', { kind: 'help' }],
    ['看看进度吧', { kind: 'progress' }],
    ['帮我看下进度', { kind: 'progress' }],
    ['进度如何？', { kind: 'progress' }],
    ['继续', { kind: 'continue' }],
    ['下一题', { kind: 'skip' }],
    ['返回上一题', { kind: 'back' }],
    ['撤回', { kind: 'undo' }],
    ['算了', { kind: 'cancel' }],
    ['帮我生成草稿！', { kind: 'draft' }],
    ['全县进度', { kind: 'countyProgress' }],
    ['全县汇总', { kind: 'countyFigures' }],
    ['恢复', { kind: 'continue' }],
    ['恢复提醒', { kind: 'resumeReminders' }],
    ['暂停提醒', { kind: 'pauseReminders' }],
    ['马上提醒', { kind: 'remindNow' }],
    ['提醒一下', { kind: 'reminderPlan' }],
    ['草稿 历史', { kind: 'draftHistory' }],
    ['历次草稿', { kind: 'draftHistory' }],
    ['生成邀请码', { kind: 'invite' }],
    ['加入 abcd2345', { kind: 'joinCounty', code: 'abcd2345' }],
    ['加入：ABCD2345。', { kind: 'joinCounty', code: 'ABCD2345' }],
    ['加入', { kind: 'joinCounty', code: '' }],
    ['加入了调解委员会', { kind: 'none' }],
    ['新建县级单位 青山县依法治县办', { kind: 'newCounty', arg: '青山县依法治县办' }],
    ['提醒计划', { kind: 'reminderPlan' }],
    ['3', { kind: 'choice', n: 3 }],
    ['请帮我填写一(三)', { kind: 'fill', ref: '一(三)' }],
    ['我来认领矛盾纠纷这一块', { kind: 'claim', ref: '矛盾纠纷' }],
    ['修改 1.3', { kind: 'edit', ref: '1.3' }],
    ['分配 一(三) 给 zhangsan', { kind: 'assign', ref: '一(三)', assignee: 'zhangsan' }],
    ['把普法这块分配给@张三', { kind: 'assign', ref: '普法', assignee: '张三' }],
    ['设置推送 https://x/y?key=abc', { kind: 'setWebhook', arg: 'https://x/y?key=abc' }],
    ['设置领导 boss', { kind: 'setLeader', arg: 'boss' }],
    ['设置管理员：li', { kind: 'setAdmin', arg: 'li' }],
    ['设置截止 2月26日', { kind: 'setDeadline', arg: '2月26日' }],
    ['新建 青石镇 2026年度报告', { kind: 'new', args: '青石镇 2026年度报告' }],
  ])('%s', (text, intent) => {
    expect(parseIntent(text)).toEqual(intent);
  });

  it('reads sentences that start like a command as plain text', () => {
    expect(parseIntent('负责人述法3次')).toEqual({ kind: 'none' });
    expect(parseIntent('填写了调解登记表20份，检查了卷宗')).toEqual({ kind: 'none' });
    expect(parseIntent('取消了3项审批')).toEqual({ kind: 'none' });
    expect(parseIntent('改革审批事项12项')).toEqual({ kind: 'none' });
  });
});

describe('splitPoints', () => {
  it('splits 一是…二是…, lines, numbered points and semicolons', () => {
    expect(splitPoints('主要有：一是建立调解室；二是每月排查。三是包案化解')).toEqual([
      '建立调解室',
      '每月排查',
      '包案化解',
    ]);
    expect(splitPoints('建立调解室\n\n每月排查\n')).toEqual(['建立调解室', '每月排查']);
    expect(splitPoints('1.建立调解室 2、每月排查 （3）包案化解')).toEqual([
      '建立调解室',
      '每月排查',
      '包案化解',
    ]);
    expect(splitPoints('建立调解室；每月排查')).toEqual(['建立调解室', '每月排查']);
    const four = ['执法力量偏弱', '普法形式单一', '经费不足', '调解员年龄偏大'];
    for (const typed of [
      '（一）执法力量偏弱。（二）普法形式单一。（三）经费不足。（四）调解员年龄偏大。',
      '一、执法力量偏弱；二、普法形式单一；三、经费不足；四、调解员年龄偏大',
      '①执法力量偏弱；②普法形式单一；③经费不足；④调解员年龄偏大',
      '其一，执法力量偏弱；其二，普法形式单一；其三，经费不足；其四，调解员年龄偏大',
      '1）执法力量偏弱\n2）普法形式单一\n3）经费不足\n4）调解员年龄偏大',
    ])
      expect(splitPoints(typed), typed).toEqual(four);
    // A decimal is not a marker, and a marker out of sequence is text.
    expect(splitPoints('完成1.5万份。2.回访群众')).toEqual(['完成1.5万份。2.回访群众']);
    // The outer enumeration wins over one nested in its points.
    expect(splitPoints('（一）队伍：一是人少，二是兼职多。（二）普法：形式单一')).toEqual([
      '队伍：一是人少，二是兼职多',
      '普法：形式单一',
    ]);
    expect(splitPoints('建立调解室，每月排查一次。')).toEqual(['建立调解室，每月排查一次']);
  });
});

describe('findDate', () => {
  it('reads the usual forms and infers the year of a month/day', () => {
    expect(findDate('截止 2027-02-26', now)?.date).toBe('2027-02-26');
    expect(findDate('2027/2/6前', now)?.date).toBe('2027-02-06');
    expect(findDate('2027年2月26日', now)?.date).toBe('2027-02-26');
    expect(findDate('2月26日', now)?.date).toBe('2027-02-26');
    expect(findDate('1月10日', now)?.date).toBe('2028-01-10');
    expect(findDate('2月29日', now)?.date).toBe('2028-02-29');
    expect(findDate('2027-02-30', now)).toBeNull();
    expect(findDate('2026年度', now)).toBeNull();
  });
});

describe('parseNewReportLine', () => {
  it('takes the org, year, deadline and kind out of one line', () => {
    expect(parseNewReportLine('青石镇 2026年度法治政府建设情况报告 截止 2027-02-26', now)).toEqual({
      orgName: '青石镇',
      year: 2026,
      deadline: '2027-02-26',
      kind: 'township',
    });
    expect(
      parseNewReportLine('关于县司法局2026年法治政府建设工作情况的报告，截至2月20日', now),
    ).toEqual({
      orgName: '县司法局',
      year: 2026,
      deadline: '2027-02-20',
      kind: 'department',
    });
    expect(parseNewReportLine('2026年度报告 截止 2027-01-05', now)).toEqual({
      year: 2026,
      pastDeadline: '2027-01-05',
    });
  });
});

describe('parseDialog', () => {
  it('drops saved states of another version or shape', () => {
    const state = { v: DIALOG_VERSION, updatedAt: now.toISOString(), orgId: 'o1' };
    expect(parseDialog(state)).toEqual(state);
    expect(parseDialog({ ...state, v: 0 })).toBeNull();
    expect(
      parseDialog({ v: DIALOG_VERSION, fill: { sectionId: '1.3' }, updatedAt: 'x' }),
    ).toBeNull();
    expect(parseDialog('junk')).toBeNull();
  });
});
