import { describe, expect, it } from 'vitest';
import { townshipWorld } from './harness.js';

describe('interruptions and resuming', () => {
  it('answers 进度 mid-dialog, pauses, and resumes the same question with 继续', () => {
    const w = townshipWorld();
    w.send('zhang', '填写 一(三)');
    w.send('zhang', '建立调解室');
    w.send('zhang', '进度')
      .expectReply(/青石镇2026年法治政府建设情况报告/)
      .expectReply(/✍️ 一（三）矛盾纠纷预防化解 · 张三 · 欠\d题/)
      .expectReply(/一（三） 第2题已暂停，发送 \*\*继续\*\*/);
    // While paused, an answer is not taken silently.
    w.send('zhang', '35起').expectReply(/已暂停，发送 \*\*继续\*\*/);
    expect(w.standing('1.3', 'found')).toHaveLength(0);
    w.send('zhang', '继续')
      .expectReply(/继续填写/)
      .expectReply(/全年排查矛盾纠纷多少起/);
    w.send('zhang', '35起')
      .expectReply(/已记录：35起/)
      .expectReply(/其中化解多少起/);
  });

  it('takes a command word inside an answer as part of the answer', () => {
    const w = townshipWorld();
    w.send('zhang', '填写 一(三)');
    w.send('zhang', '填写了调解登记表20份，检查了调解卷宗').expectReply(/已记录/);
    expect(w.standing('1.3', 'measures')).toHaveLength(1);
  });

  it('resumes a dialog gone quiet for hours only on 继续', () => {
    const w = townshipWorld();
    w.send('zhang', '填写 一(三)');
    w.advance(3 * 60);
    w.send('zhang', '建立调解室，每月排查一次').expectReply(/已暂停/);
    expect(w.answers).toHaveLength(0);
    w.send('zhang', '继续').expectReply(/矛盾纠纷化解的主要做法/);
    w.send('zhang', '建立调解室，每月排查一次').expectReply(/已记录/);
  });

  it('offers 继续 after 取消 by reopening the section where it stopped', () => {
    const w = townshipWorld();
    w.send('zhang', '填写 一(三)');
    w.send('zhang', '建立调解室');
    w.send('zhang', '取消').expectReply(/已退出填写。已保存的回答都在/);
    expect(w.dialog('zhang')).toBeNull();
    expect(w.standing('1.3', 'measures')).toHaveLength(1);
    w.send('zhang', '继续')
      .expectReply(/接着填写 一（三）（已答1\/4题）/)
      .expectReply(/第2\/4题/);
  });
});

describe('switching sections', () => {
  it('opens another section mid-dialog and says the first one is saved', () => {
    const w = townshipWorld();
    w.send('zhang', '填写 一(三)');
    w.send('zhang', '建立调解室');
    w.send('zhang', '填写 一(二)')
      .expectReply(/全年合法性审查文件和合同共多少件/)
      .expectReply(/一（三） 已答的都已保存，之后发送 填写 一（三） 接着填/);
    w.send('zhang', '45件').expectReply(/一（二）依法决策与合法性审查\*\* 已完成/);
    w.send('zhang', '填写 一(三)').expectReply(/接着填写 一（三）（已答1\/4题）/);
  });
});

describe('going back and undoing', () => {
  it('撤销 withdraws the last answer and asks that question again', () => {
    const w = townshipWorld();
    w.send('zhang', '填写 一(三)');
    w.send('zhang', '建立调解室');
    w.send('zhang', '35起');
    w.send('zhang', '撤销')
      .expectReply(/已撤销 一（三） 第2题的回答「35起」/)
      .expectReply(/全年排查矛盾纠纷多少起/)
      .expectOp('appendAnswer', {});
    const last = w.answers.at(-1);
    expect(last).toMatchObject({ questionId: 'found', retracts: true, userid: 'zhang' });
    expect(w.standing('1.3', 'found')).toHaveLength(0);
    w.send('zhang', '40起')
      .expectReply(/已记录：40起/)
      .expectReply(/其中化解多少起/);
    expect(w.standing('1.3', 'found').map((a) => a.raw)).toEqual(['40起']);
  });

  it('上一题 goes back showing the standing answer; 跳过 keeps it', () => {
    const w = townshipWorld();
    w.send('zhang', '填写 一(三)');
    w.send('zhang', '建立调解室');
    w.send('zhang', '上一题')
      .expectReply(/第1\/4题/)
      .expectReply(/当前：建立调解室（发送 跳过 保留）/);
    w.send('zhang', '跳过')
      .expectReply(/保留原答案/)
      .expectReply(/第2\/4题/);
    expect(w.answers).toHaveLength(1);
    w.send('zhang', '上一题');
    w.send('zhang', '上一题').expectReply(/已经是第一题了/);
  });

  it('修改 re-opens a finished section at its first question', () => {
    const w = townshipWorld();
    w.send('zhang', '填写 一(二)');
    w.send('zhang', '45件').expectReply(/已完成/);
    w.send('zhang', '修改 一(二)')
      .expectReply(/重新打开 一（二）/)
      .expectReply(/当前：45件/)
      .expectOp('setSectionStatus', { sectionId: '1.2', status: 'in_progress' });
    w.send('zhang', '48件')
      .expectReply(/已完成/)
      .expectReply(/审查件数：48件/);
    expect(w.standing('1.2', 'reviews').map((a) => a.raw)).toEqual(['45件', '48件']);
  });
});

describe('cross-checks between figures', () => {
  it('asks when 化解 exceeds 排查, and 确认 keeps the figure', () => {
    const w = townshipWorld();
    w.send('zhang', '填写 一(三)');
    w.send('zhang', '建立调解室');
    w.send('zhang', '30起');
    w.send('zhang', '35起')
      .expectReply(/已记录：35起/)
      .expectReply(/化解矛盾纠纷（35起）比排查矛盾纠纷（30起）还多/)
      .expectReply(/回复 \*\*确认\*\* 保留/);
    expect(w.standing('1.3', 'resolved')).toHaveLength(1);
    w.send('zhang', '确认')
      .expectReply(/按你填的数字保留/)
      .expectReply(/典型案例/);
  });

  it('takes a corrected figure instead, and then moves on', () => {
    const w = townshipWorld();
    w.send('zhang', '填写 一(三)');
    w.send('zhang', '建立调解室');
    w.send('zhang', '30起');
    w.send('zhang', '35起').expectReply(/还多/);
    w.send('zhang', '28起')
      .expectReply(/已记录：28起/)
      .expectReply(/典型案例/)
      .expectNoMatch(/还多/);
    expect(w.standing('1.3', 'resolved').at(-1)?.raw).toBe('28起');
  });
});

describe('group and single chat share the dialog', () => {
  it('continues in single chat a section started in the group, and back', () => {
    const w = townshipWorld();
    w.send('zhang', '填写 一(三)');
    w.send('zhang', '建立调解室');
    w.send('zhang', '35起', { chat: 'single' })
      .expectReply(/已记录：35起/)
      .expectReply(/其中化解多少起/);
    w.send('zhang', '33起').expectReply(/第4\/4题/);
    expect(w.answers.map((a) => a.questionId)).toEqual(['measures', 'found', 'resolved']);
  });

  it('asks which org in single chat when the user belongs to several, then remembers', () => {
    const w = townshipWorld();
    w.send('zhang', '新建 县司法局 2026年度法治政府建设情况报告 截止 2027-02-20', {
      chatId: 'chat-2',
    }).expectReply(/已新建《县司法局2026年/);
    w.send('zhang', '进度', { chat: 'single' }).expectReply(
      /你在多个单位.*\n1\. 青石镇\n2\. 县司法局/,
    );
    w.send('zhang', '2', { chat: 'single' }).expectReply(/县司法局2026年法治政府建设情况报告/);
    w.send('zhang', '进度', { chat: 'single' }).expectReply(/县司法局2026年/);
    w.send('zhang', '切换', { chat: 'single' }).expectReply(/回复数字/);
    w.send('zhang', '1', { chat: 'single' }).expectReply(/已切换到 青石镇/);
  });
});
