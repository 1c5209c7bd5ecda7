import { describe, expect, it } from 'vitest';
import { loadTemplates } from '../../src/store/template-files.js';
import { World } from './harness.js';

/** The engine against the shipped templates, as the adapter will run it. */
describe('with the shipped township template', () => {
  const registry = loadTemplates();

  it('creates a report and fills 矛盾纠纷 with a rate cross-check', () => {
    const w = new World(registry.list());
    w.send('admin', '新建 青石镇 2026年度法治政府建设情况报告 截止 2027-02-26').expectReply(
      /已新建/,
    );
    // The optional opening (导语) is counted nowhere: it can never be owed.
    const total = (w.reports[0]?.sections.length ?? 0) - 1;
    expect(total).toBeGreaterThan(10);
    w.send('zhang', '认领 矛盾纠纷').expectReply(/一（五）矛盾纠纷预防化解 由你负责/);
    w.send('zhang', '填写 一(五)').expectReply(/第1\/5题/);
    w.send('zhang', '依托综治中心和村调委会每月排查，镇领导轮流接访').expectReply(
      /全年共排查矛盾纠纷多少起/,
    );
    w.send('zhang', '42起');
    w.send('zhang', '40起')
      .expectReply(/调解成功率是多少/)
      .expectReply(/选填/);
    w.send('zhang', '80%')
      .expectReply(/调解成功率填的是80%，但按.*计算应为95.2%/)
      .expectReply(/确认/);
    w.send('zhang', '95.2%')
      .expectReply(/已记录：95.2%/)
      .expectReply(/信访事项/);
    w.send('zhang', '跳过')
      .expectReply(/✅ \*\*一（五）矛盾纠纷预防化解\*\* 已完成/)
      .expectReply(new RegExp(`1/${total}`));
  });

  it('takes a whole section in one paragraph: keeps it, reads its figures, asks only what is owed', () => {
    const w = new World(registry.list());
    w.send('admin', '新建 青石镇 2026年度法治政府建设情况报告 截止 2027-02-26');
    // 填写 of an unclaimed section claims it on the way.
    w.send('zhang', '填写 一(五)').expectReply(/已认领 一（五）/);
    const paragraph =
      '依托综治中心和11个村调委会，每月开展一次拉网式排查，全年共排查各类矛盾纠纷18起，' +
      '成功化解17起，调解成功率94%以上；重大纠纷由班子成员包案。';
    w.send('zhang', paragraph)
      .expectReply(/读到：排查矛盾纠纷18起，化解矛盾纠纷17起，调解成功率94%以上/)
      // Nothing required is left: the section is done in two messages, optional 信访 not asked.
      .expectReply(/✅ \*\*一（五）矛盾纠纷预防化解\*\* 已完成/)
      .expectNoMatch(/信访事项多少件/);
    expect(w.standing('1.5', 'how').at(-1)?.raw).toBe(paragraph);
    expect(w.standing('1.5', 'disputes_found').at(-1)?.value).toMatchObject({
      kind: 'number',
      quantity: { value: 18, unit: '起' },
      statedIn: 'how',
    });
    expect(w.standing('1.5', 'mediation_rate').at(-1)?.value).toMatchObject({
      quantity: { value: 94, qualifier: 'at_least' },
    });

    // A paragraph missing a required figure and holding an absurd one: asks for both.
    w.send('li', '填写 普法').expectReply(/已认领/);
    w.send('li', '结合赶集日开展宪法宣传，发放资料300000份，受教育群众6000余人次')
      .expectReply(/读到：受教育群众6000余人次/)
      .expectReply(/⚠️ “300000份”/)
      .expectReply(/全年开展普法宣传活动多少场次/);
    w.send('li', '25场次').expectReply(/发放宣传资料多少份/);

    // A zero in words (全年无行政执法案件) answers its count, shown and kept as written.
    w.send('wang', '填写 一(四)').expectReply(/已认领/);
    const enforcement = '推行执法全过程记录，现有持证执法人员8名，全年无行政执法案件。';
    w.send('wang', enforcement).expectReply(/读到：现有持证执法人员8名，无行政执法案件/);
    expect(w.standing('1.4', 'enforcement_cases').at(-1)).toMatchObject({
      raw: '无行政执法案件',
      value: { kind: 'number', quantity: { value: 0 }, statedIn: 'how' },
    });
  });
});
