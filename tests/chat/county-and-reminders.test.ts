import { describe, expect, it } from 'vitest';
import { townshipWorld, type World } from './harness.js';

const COUNTY_CHAT = 'chat-county';

/** 青石镇 as in `townshipWorld`, plus 青山县依法治县办 bound to its own group by `chief`. */
function countyWorld(): World {
  const w = townshipWorld();
  w.send('chief', '新建县级单位 青山县依法治县办', { chatId: COUNTY_CHAT })
    .expectReply(/已新建县级单位「青山县依法治县办」，本群为县级汇总群，你是管理员/)
    .expectOp('createOrg', {
      org: { id: expect.any(String), name: '青山县依法治县办', kind: 'county' },
    })
    .expectOp('bindChat', { chatId: COUNTY_CHAT })
    .expectOp('grantRole', { userid: 'chief', role: 'admin' })
    .expectNoOp('createReport');
  const county = w.orgs.find((o) => o.kind === 'county');
  if (!county) throw new Error('no county org');
  w.grant(county.id, 'clerk', ['official'], '小刘');
  w.grant(county.id, 'head', ['leader'], '县领导');
  return w;
}

function countyId(w: World): string {
  const county = w.orgs.find((o) => o.kind === 'county');
  if (!county) throw new Error('no county org');
  return county.id;
}

describe('a county office', () => {
  it('is created without a report, only in a group of its own, with a county name', () => {
    const w = countyWorld();
    w.send('chief', '新建县级单位 青山县依法治县办', { chatId: COUNTY_CHAT })
      .expectReply(/本群已是 青山县依法治县办 的县级汇总群/)
      .expectNoOp('createOrg');
    w.send('admin', '新建县级单位 青山县依法治县办')
      .expectReply(/本群已绑定 青石镇，不能再设为县级单位/)
      .expectNoOp('createOrg');
    w.send('someone', '新建县级单位 依法治县办', { chatId: 'chat-new' })
      .expectReply(/请写上县级单位全称（含县名）/)
      .expectNoOp('createOrg');
    w.send('someone', '邀请码', { chatId: 'chat-new' })
      .expectReply(/本群还没有绑定县级单位.*\n`新建县级单位 青山县依法治县办`/)
      .expectNoOp('issueInvitation');
    w.send('chief', '新建县级单位 青山县依法治县办', { chat: 'single' })
      .expectReply(/请在县级单位的工作群里 @我 发送/)
      .expectNoOp('createOrg');
  });

  it('shows county commands in 帮助', () => {
    const w = countyWorld();
    w.send('chief', '帮助', { chatId: COUNTY_CHAT })
      .expectReply(/全县进度/)
      .expectReply(/`邀请码`/)
      .expectNoMatch(/填写 一\(三\)/);
  });
});

describe('invitations and joining a county', () => {
  it('gives a county admin a code request; refuses others with a reason', () => {
    const w = countyWorld();
    w.send('chief', '生成邀请码', { chatId: COUNTY_CHAT })
      .expectReply(/正在生成邀请码（一码一用，30天内有效）/)
      .expectOp('issueInvitation', {
        orgId: countyId(w),
        by: 'chief',
        deliverTo: { chatType: 'group', chatId: COUNTY_CHAT, userid: 'chief' },
      });
    w.send('clerk', '邀请码', { chatId: COUNTY_CHAT })
      .expectReply(/只有管理员可以生成邀请码，请联系 chief/)
      .expectNoOp('issueInvitation');
    w.send('admin', '邀请乡镇')
      .expectReply(/邀请码由县级单位（依法治县办）在县级工作群里发放/)
      .expectNoOp('issueInvitation');
  });

  it('lets a township admin join with a code; refuses officials, bad codes and counties', () => {
    const w = countyWorld();
    const orgId = w.report().orgId;
    w.send('admin', '加入 abcd2345')
      .expectReply(/正在用邀请码 ABCD2345 加入全县汇总/)
      .expectOp('joinCounty', { orgId, code: 'ABCD2345', by: 'admin' });
    w.send('zhang', '加入 ABCD2345')
      .expectReply(/只有管理员可以加入全县汇总，请联系 王主任/)
      .expectNoOp('joinCounty');
    w.send('admin', '加入')
      .expectReply(/请发送县里给的邀请码/)
      .expectNoOp('joinCounty');
    w.send('admin', '加入 ABC234')
      .expectReply(/邀请码是8位字母和数字/)
      .expectNoOp('joinCounty');
    w.send('chief', '加入 ABCD2345', { chatId: COUNTY_CHAT })
      .expectReply(/县级单位不能加入别的县级汇总/)
      .expectNoOp('joinCounty');
  });

  it('takes 加入 in a sentence as an answer while filling', () => {
    const w = countyWorld();
    w.send('zhang', '填写 一(三)');
    w.send('zhang', '加入了县调解员协会')
      .expectReply(/已记录/)
      .expectNoOp('joinCounty');
  });
});

describe('全县进度 and 全县汇总', () => {
  it('asks for the view that was named, for leaders and admins of the county', () => {
    const w = countyWorld();
    const orgId = countyId(w);
    w.send('head', '全县进度', { chatId: COUNTY_CHAT })
      .expectReply(/汇总全县各单位进度/)
      .expectOp('requestSummary', { scope: 'county', view: 'progress', orgId });
    w.send('head', '全县汇总', { chatId: COUNTY_CHAT })
      .expectReply(/汇总全县各单位数据/)
      .expectOp('requestSummary', { scope: 'county', view: 'figures', orgId });
    w.send('chief', '进度', { chatId: COUNTY_CHAT }).expectOp('requestSummary', {
      scope: 'county',
      view: 'progress',
    });
    w.send('chief', '汇总', { chatId: COUNTY_CHAT }).expectOp('requestSummary', {
      scope: 'county',
      view: 'figures',
    });
    w.send('clerk', '全县汇总', { chatId: COUNTY_CHAT })
      .expectReply(/只有领导或管理员可以查看全县汇总/)
      .expectNoOp('requestSummary');
  });

  it('keeps a township on its own summary and points it to the county for the rest', () => {
    const w = countyWorld();
    w.send('boss', '汇总').expectOp('requestSummary', { scope: 'org', view: 'figures' });
    w.send('boss', '全县进度')
      .expectReply(/全县进度需要在县级单位（依法治县办）的群里查看/)
      .expectNoOp('requestSummary');
    w.send('zhang', '全县汇总')
      .expectReply(/只有领导或管理员可以查看全县汇总/)
      .expectNoOp('requestSummary');
  });
});

describe('reminder controls', () => {
  it('pauses and resumes reminders for admins only', () => {
    const w = townshipWorld();
    const reportId = w.report().id;
    w.send('admin', '暂停提醒')
      .expectReply(/已暂停截止提醒/)
      .expectOp('setRemindersPaused', { reportId, paused: true, by: 'admin' });
    w.send('admin', '恢复提醒')
      .expectReply(/已恢复截止提醒.*截止 2027年2月26日/)
      .expectOp('setRemindersPaused', { reportId, paused: false, by: 'admin' });
    w.send('boss', '暂停提醒')
      .expectReply(/只有管理员可以暂停提醒，请联系 王主任/)
      .expectNoOp('setRemindersPaused');
    w.send('zhang', '恢复提醒')
      .expectReply(/只有管理员可以恢复提醒/)
      .expectNoOp('setRemindersPaused');
  });

  it('reminds now through the group robot once one is set, for admins only', () => {
    const w = townshipWorld();
    w.send('admin', '立即提醒')
      .expectReply(/本群还没设置推送/)
      .expectNoOp('remindNow');
    w.send('admin', '设置推送 abcdef1234567890').expectOp('setWebhook');
    w.send('admin', '马上提醒')
      .expectReply(/正在群里提醒还没完成的同事/)
      .expectOp('remindNow', {
        reportId: w.report().id,
        orgId: w.report().orgId,
        deliverTo: { chatType: 'group', chatId: 'chat-1', userid: 'admin' },
      });
    w.send('zhang', '立即提醒')
      .expectReply(/只有管理员可以立即提醒/)
      .expectNoOp('remindNow');
  });

  it('keeps 恢复 alone as 继续, while 恢复提醒 mid-fill pauses the question', () => {
    const w = townshipWorld();
    w.send('admin', '填写 一(三)');
    w.send('admin', '建立调解室');
    w.send('admin', '恢复提醒')
      .expectOp('setRemindersPaused', { paused: false })
      .expectReply(/一（三） 第2题已暂停，发送 \*\*继续\*\*/);
    w.send('admin', '恢复')
      .expectReply(/全年排查矛盾纠纷多少起/)
      .expectNoOp('setRemindersPaused');
  });
});

describe('草稿 历史', () => {
  it('lists drafts for admins and leaders, refuses officials', () => {
    const w = townshipWorld();
    const reportId = w.report().id;
    w.send('admin', '草稿 历史')
      .expectReply(/正在列出历次草稿/)
      .expectOp('draftHistory', { reportId, orgId: w.report().orgId });
    w.send('boss', '历史草稿').expectOp('draftHistory', { reportId });
    w.send('boss', '历次草稿').expectOp('draftHistory', { reportId });
    w.send('zhang', '草稿历史')
      .expectReply(/只有管理员或领导可以查看草稿历史/)
      .expectNoOp('draftHistory');
  });
});

describe('help', () => {
  it('mentions the new commands to whom they apply', () => {
    const w = townshipWorld();
    w.send('admin', '帮助')
      .expectReply(/暂停提醒/)
      .expectReply(/加入 <县里给的邀请码>/);
    w.send('boss', '帮助')
      .expectReply(/草稿 历史/)
      .expectNoMatch(/暂停提醒/);
  });
  it('mentions county creation before any report exists', () => {
    const w = townshipWorld();
    w.send('x', '帮助', { chatId: 'chat-empty' }).expectReply(/新建县级单位/);
    expect(w.orgs).toHaveLength(1);
  });
});
