import { describe, expect, it } from 'vitest';
import { LAST_YEAR_PLANS, lastYearReportText } from '../support/last-year-report.js';
import { townshipWorld, World } from './harness.js';

describe('importing last year’s report', () => {
  it('turns a report pasted in single chat into an importReport request', () => {
    const w = townshipWorld();
    const text = lastYearReportText();
    const report = w.report();
    w.send('zhang', text, { chat: 'single' })
      .expectReply(/收到去年的报告，正在读取/)
      .expectOp('importReport', {
        orgId: report.orgId,
        reportId: report.id,
        source: { kind: 'text', text },
        by: 'zhang',
        deliverTo: { chatType: 'single', userid: 'zhang' },
      })
      .expectNoOp('appendAnswer');
  });

  it('takes text after 导入, a sent file, and explains 导入 on its own', () => {
    const w = townshipWorld();
    w.send('zhang', '导入 一、主要举措\n二、下一步打算\n一是加强培训。', {
      chat: 'single',
    }).expectOp('importReport', {
      source: { kind: 'text', text: '一、主要举措\n二、下一步打算\n一是加强培训。' },
    });
    w.send('zhang', '', { chat: 'single', file: { url: 'https://files.example/abc' } })
      .expectReply(/收到文件/)
      .expectOp('importReport', { source: { kind: 'file', url: 'https://files.example/abc' } });
    w.send('zhang', '导入', { chat: 'single' })
      .expectReply(/粘贴在“导入”后面/)
      .expectNoOp('importReport');
  });

  it('asks for single chat when a report is pasted in the group', () => {
    const w = townshipWorld();
    w.send('zhang', lastYearReportText())
      .expectReply(/单聊发给我/)
      .expectNoOp('importReport');
    w.send('zhang', '导入').expectReply(/单聊发给我/);
  });

  it('does not take a short message or a long answer without report parts for a report', () => {
    const w = townshipWorld();
    w.send('zhang', '填写 一(三)');
    const long = `一是${'建立村级调解室，开展矛盾纠纷大排查。'.repeat(20)}二是落实信访包案`;
    w.send('zhang', long, { chat: 'single' }).expectNoOp('importReport').expectOp('appendAnswer');
  });

  it('needs a report to import into', () => {
    const w = new World();
    w.addOrg({ id: 'o1', name: '白塔镇', kind: 'township' });
    w.grant('o1', 'zhang', ['official']);
    w.send('zhang', lastYearReportText(), { chat: 'single' })
      .expectReply(/白塔镇还没有今年的报告/)
      .expectNoOp('importReport');
  });

  it('asks what became of each carried plan while filling part 一, and keeps the answers', () => {
    const w = townshipWorld();
    const report = w.report();
    w.carriedPlans.set(report.id, [...LAST_YEAR_PLANS]);

    // 合法性审查 names 一（二）; the plan is asked after the section's own question.
    w.send('zhang', '填写 一(二)')
      .expectReply(/共2题/)
      .expectReply(/第1\/2题/);
    w.send('zhang', '审查合同和文件共36件')
      .expectReply(/第2\/2题/)
      .expectReply(
        /去年计划“完善合法性审查机制，重大决策事项审查率达到百分之百”，今年落实得怎么样？/,
      )
      .expectReply(/选填/);
    w.send('zhang', '已建立审查台账，重大决策全部经过合法性审查。')
      .expectReply(/✅ \*\*一（二）依法决策与合法性审查\*\* 已完成/)
      .expectOp('appendAnswer', {
        answer: expect.objectContaining({
          sectionId: '1.2',
          questionId: 'carried_1',
          value: { kind: 'text', text: '已建立审查台账，重大决策全部经过合法性审查。' },
        }) as never,
      });
    expect(w.standing('1.2', 'carried_1')).toHaveLength(1);

    // A plan naming no section is asked in the part's first section.
    w.send('li', '填写 一(一)');
    w.send('li', '12次');
    w.send('li', '一是集中学法，二是旁听庭审')
      .expectReply(/加快建设智慧政务平台/)
      .expectReply(/第3\/3题/);
    w.send('li', '跳过').expectReply(/已完成/);
    expect(w.standing('1.1', 'carried_3')[0]?.value).toEqual({ kind: 'skipped' });
  });

  it('asks a carried plan even in a section finished before the import', () => {
    const w = townshipWorld();
    w.send('zhang', '填写 一(二)');
    w.send('zhang', '30件').expectReply(/已完成/);
    w.carriedPlans.set(w.report().id, [...LAST_YEAR_PLANS]);
    w.send('zhang', '填写 一(二)').expectReply(/完善合法性审查机制/);
  });
});
