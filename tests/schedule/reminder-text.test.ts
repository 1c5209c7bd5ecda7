import { describe, expect, it } from 'vitest';
import { formatUpcoming } from '../../src/schedule/plan-format.js';
import {
  composeLeaderDigest,
  composeReminder,
  digestDue,
} from '../../src/schedule/reminder-text.js';
import { subject } from './support/reminders.js';

describe('composeReminder', () => {
  it('names the deadline as moved when it falls on a day off', () => {
    const m = composeReminder(
      subject('r', { deadline: '2026-02-15' }),
      { kind: 'due', daysLeft: 0 },
      '2026-02-14',
    );
    expect(m!.text).toMatch(
      /^【提醒】《青山镇2025年法治政府建设情况报告》将于2月15日（星期日）截止，今天是截止前最后一个工作日。尚未完成：/,
    );
  });

  it('says how late an overdue report is and asks for haste', () => {
    const m = composeReminder(subject('r'), { kind: 'overdue', daysLeft: -3 }, '2026-03-03');
    expect(m!.text).toContain('已超过截止日期（2月26日）3个工作日。');
    expect(m!.text.endsWith('请尽快完成填报。')).toBe(true);
  });

  it('mentions the admin only while some section has nobody', () => {
    const assigned = subject('r', {
      sections: [{ label: '二、存在的不足和原因', done: false, assignee: { userid: 'lisi' } }],
    });
    const m = composeReminder(assigned, { kind: 'before', daysLeft: 3 }, '2026-02-14');
    expect(m!.mentionedUserids).toEqual(['lisi']);
    expect(m!.text).toContain('二、存在的不足和原因（lisi）');
  });

  it('returns nothing when nothing is owed', () => {
    const done = subject('r', { sections: [{ label: '一（一）加强党的领导', done: true }] });
    expect(composeReminder(done, { kind: 'due', daysLeft: 0 }, '2026-02-26')).toBeUndefined();
  });

  it('stays within WeCom’s 2 048-byte text limit however many sections are owed', () => {
    const many = subject('r', {
      sections: Array.from({ length: 80 }, (_, i) => ({
        label: `一（${i + 1}）一个相当长的小节标题用来测试长度限制`,
        done: false,
        assignee: { userid: `user${i}`, name: `同志${i}` },
      })),
    });
    const m = composeReminder(many, { kind: 'before', daysLeft: 1 }, '2026-02-25')!;
    expect(Buffer.byteLength(m.text, 'utf8')).toBeLessThanOrEqual(2_048);
    expect(m.text).toMatch(/等，另有\d+项。请抓紧完成填报。$/);
    expect(m.mentionedUserids).toHaveLength(80);
  });
});

describe('leader digest', () => {
  it('counts what is done and lists what is open', () => {
    expect(composeLeaderDigest(subject('r'), { kind: 'overdue', daysLeft: -1 })).toBe(
      '【进度】《青山镇2025年法治政府建设情况报告》已逾期1个工作日：共4项，已完成1项，未完成3项：' +
        '一（五）矛盾纠纷预防化解、一（六）法治宣传教育、二、存在的不足和原因。',
    );
  });

  it('goes out on the due day, the first overdue day, then every fifth', () => {
    const days = [3, 1, 0, -1, -2, -5, -6, -11].map((daysLeft) =>
      digestDue({ kind: daysLeft > 0 ? 'before' : daysLeft === 0 ? 'due' : 'overdue', daysLeft }),
    );
    expect(days).toEqual([false, false, true, true, false, false, true, true]);
  });
});

describe('formatUpcoming', () => {
  it('lists the next reminders for chat, saying when reminders are paused', () => {
    const text = formatUpcoming({
      reportId: 'r',
      deadline: '2026-02-26',
      paused: true,
      reminders: [
        { at: new Date('2026-02-25T01:30:00Z'), date: '2026-02-25', kind: 'before', daysLeft: 1 },
        { at: new Date('2026-02-26T01:30:00Z'), date: '2026-02-26', kind: 'due', daysLeft: 0 },
      ],
      notes: [],
    });
    expect(text).toBe(
      [
        '提醒安排（截止 2026年2月26日）：',
        '  提醒已暂停，恢复前不会发送。',
        '  2月25日 星期三 09:30  截止前1个工作日',
        '  2月26日 星期四 09:30  今日截止',
      ].join('\n'),
    );
  });
});
