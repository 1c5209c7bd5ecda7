import { describe, expect, it } from 'vitest';
import { parseIntent } from '../../src/chat/intent.js';
import { ROUTES } from '../../src/chat/routes.js';
import { townshipWorld } from './harness.js';

/** A message for every command that needs a role, as an official would type it. */
const SAMPLES: Record<string, string> = {
  setLeader: '设置领导 boss',
  setAdmin: '设置管理员 zhang',
  setWebhook: '设置推送 https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc',
  summary: '汇总',
  countyProgress: '全县进度',
  countyFigures: '全县汇总',
  invite: '邀请码',
  joinCounty: '加入 ABCD2345',
  assign: '分配 一(三) 给 li',
  draft: '生成草稿',
  draftHistory: '草稿 历史',
  check: '检查',
  pauseReminders: '暂停提醒',
  resumeReminders: '恢复提醒',
  remindNow: '立即提醒',
  setDeadline: '设置截止 2027-03-01',
  setOffice: '设置类型 街道',
  setAddressee: '设置主送 清河县委、清河县人民政府',
  setSigning: '设置落款 单独',
};

describe('the routing table', () => {
  const gated = Object.entries(ROUTES).filter(([, route]) => route.roles);

  it('has a sample message for every command that needs a role', () => {
    expect(gated.map(([kind]) => kind).sort()).toEqual(Object.keys(SAMPLES).sort());
    for (const [kind, text] of Object.entries(SAMPLES)) expect(parseIntent(text).kind).toBe(kind);
  });

  it.each(Object.entries(SAMPLES))(
    'refuses %s to an official, names who may, and writes nothing',
    (_kind, text) => {
      const w = townshipWorld();
      const sent = w
        .send('zhang', text)
        .expectReply(/^抱歉，只有(管理员|领导)(或(管理员|领导))?可以/);
      expect(sent.result.ops).toEqual([]);
      expect(sent.reply).toMatch(/王主任|赵书记/);
    },
  );

  it('lets the admin through the same rows', () => {
    const w = townshipWorld();
    w.send('admin', '设置截止 2027-03-01').expectOp('setDeadline', { deadline: '2027-03-01' });
    w.send('admin', '生成草稿').expectOp('requestDraft');
  });
});
