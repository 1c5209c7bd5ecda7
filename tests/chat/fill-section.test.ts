import { describe, expect, it } from 'vitest';
import { townshipWorld } from './harness.js';

describe('answering a section', () => {
  it('takes a whole section from the first question to a recap with progress', () => {
    const w = townshipWorld();
    w.send('zhang', '请帮我填写一(三)')
      .expectReply(/已认领 一（三）/)
      .expectReply(/第1\/4题\n矛盾纠纷化解的主要做法/)
      .expectOp('claimSection', { sectionId: '1.3', userid: 'zhang' })
      .expectOp('setSectionStatus', { sectionId: '1.3', status: 'in_progress' });

    w.send('zhang', '一是建立村级调解室，二是开展矛盾纠纷大排查。三是落实信访包案')
      .expectReply(/已记录：3条/)
      .expectReply(/第2\/4题/);
    expect(w.standing('1.3', 'measures').at(-1)?.value).toEqual({
      kind: 'list',
      items: ['建立村级调解室', '开展矛盾纠纷大排查', '落实信访包案'],
    });

    w.send('zhang', '排查矛盾纠纷70余起')
      .expectReply(/已记录：70余起/)
      .expectReply(/其中化解多少起/);
    expect(w.standing('1.3', 'found').at(-1)?.value).toMatchObject({
      kind: 'number',
      quantity: { value: 70, unit: '起', qualifier: 'over' },
    });

    w.send('zhang', '65起').expectReply(/第4\/4题/);
    const done = w
      .send('zhang', '某村宅基地纠纷，经调解当场达成协议。')
      .expectReply(/✅ \*\*一（三）矛盾纠纷预防化解\*\* 已完成/)
      .expectReply(/2\. 排查矛盾纠纷：70余起/)
      .expectReply(/▓+░+ 1\/6/)
      .expectReply(/待完成：未认领 一（一）、一（二）、一（四）、二、三/)
      .expectOp('setSectionStatus', { sectionId: '1.3', status: 'done', by: 'zhang' });
    expect(done.result.dialog).toBeNull();
    expect(w.section(w.report().id, '1.3')).toMatchObject({ status: 'done', assignee: 'zhang' });
    expect(w.answers.filter((a) => a.sectionId === '1.3')).toHaveLength(4);
  });

  it('keeps a figure told in a sentence as typed, and says back more than the figure', () => {
    const w = townshipWorld();
    w.send('zhang', '填写一(三)').expectReply(/第1\/4题/);
    w.send('zhang', '建立村级调解室').expectReply(/第2\/4题/);
    const said = '全年排查矛盾纠纷70余起，重点是土地承包和邻里纠纷';
    w.send('zhang', said).expectReply(/已记录：70余起（全年排查矛盾纠纷70余起，重点是土地承包/);
    expect(w.standing('1.3', 'found').at(-1)).toMatchObject({
      raw: said,
      value: { kind: 'number', quantity: { value: 70, qualifier: 'over' } },
    });
    w.send('zhang', '65起').expectReply(/已记录：65起\n/);
  });

  it('reads lists written on separate lines and yes/no answers with a note', () => {
    const w = townshipWorld();
    w.send('li', '填写 二').expectReply(/存在哪些不足/);
    w.send('li', '1. 执法人员法律素养有待提高\n2. 普法形式较单一').expectReply(/已完成/);
    expect(w.standing('2', 'problems')[0]?.value).toEqual({
      kind: 'list',
      items: ['执法人员法律素养有待提高', '普法形式较单一'],
    });
    w.send('li', '填写 第一责任人').expectReply(/是否开展了年终述法/);
    w.send('li', '是的，12月在党委会上述法').expectReply(/是，12月在党委会上述法/);
    expect(w.standing('3', 'report')[0]?.value).toEqual({
      kind: 'yesno',
      yes: true,
      note: '12月在党委会上述法',
    });
  });

  it('shows progress after each finished section, counting up', () => {
    const w = townshipWorld();
    w.send('zhang', '填写 一(二)');
    w.send('zhang', '45件').expectReply(/▓+░+ 1\/6/);
    w.send('zhang', '填写 普法');
    w.send('zhang', '36场次')
      .expectReply(/▓+░+ 2\/6/)
      .expectReply(/距截止还有\d+天/);
  });
});

describe('invalid answers', () => {
  it('gives a concrete hint, asks again, and offers 跳过 after three tries', () => {
    const w = townshipWorld();
    w.send('zhang', '填写 一(二)');
    w.send('zhang', '很多')
      .expectReply(/⚠️/)
      .expectReply(/合法性审查文件和合同共多少件/)
      .expectNoMatch(/跳过/);
    w.send('zhang', '2026年').expectReply(/年份/).expectNoMatch(/跳过/);
    w.send('zhang', '三十到四十件')
      .expectReply(/⚠️/)
      .expectReply(/发送 \*\*跳过\*\*/);
    expect(w.answers).toHaveLength(0);
    // Skipping leaves the question owed: the section is not done, and the reply says when the
    // bot asks again.
    w.send('zhang', '跳过')
      .expectReply(/已跳过/)
      .expectReply(/仍算待填写/)
      .expectReply(/截止（2月\d+日）前的提醒会再提到你/)
      .expectReply(/⏸ \*\*一（二）.*\*\* 还欠1题/)
      .expectOp('appendAnswer', {})
      .expectNoOp('setSectionStatus');
    expect(w.standing('1.2', 'reviews')[0]?.value).toEqual({ kind: 'skipped' });
    expect(w.section(w.report().id, '1.2')).toMatchObject({ status: 'in_progress' });
    // 填写 again asks the skipped question first; 无 answers it and the section is done.
    w.send('zhang', '填写 一(二)').expectReply(/合法性审查文件和合同共多少件/);
    w.send('zhang', '无')
      .expectReply(/✅ \*\*一（二）.*\*\* 已完成/)
      .expectOp('setSectionStatus', { status: 'done' });
  });

  it('re-prompts without saving an empty-looking text answer', () => {
    const w = townshipWorld();
    w.send('zhang', '填写 一(三)');
    w.send('zhang', '好').expectReply(/内容太简单/);
    expect(w.answers).toHaveLength(0);
  });
});
