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
    const total = w.reports[0]?.sections.length ?? 0;
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
});
