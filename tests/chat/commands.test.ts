import { describe, expect, it } from 'vitest';
import { townshipWorld } from './harness.js';

describe('referring to sections', () => {
  it('offers a numbered choice for an ambiguous reference and acts on the number', () => {
    const w = townshipWorld();
    w.send('zhang', '填写 法治宣传')
      .expectReply(
        /「法治宣传」对应多个部分，回复数字选择：\n1\. 一（一）加强党的领导\n2\. 一（四）普法与法治乡村建设/,
      )
      .expectNoOp('claimSection');
    w.send('zhang', '5').expectReply(/请回复 1 到 2 之间的数字/);
    w.send('zhang', '第二个吧').expectReply(/^请回复 1 到 2 之间的数字，或发送 取消。$/);
    w.send('zhang', '2')
      .expectReply(/全年开展普法活动多少场次/)
      .expectOp('claimSection', { sectionId: '1.4' });
  });

  it('accepts numbers, keywords and full-width punctuation with polite words around them', () => {
    const w = townshipWorld();
    w.send('zhang', '我来认领矛盾纠纷这一块')
      .expectReply(/一（三）矛盾纠纷预防化解 由你负责/)
      .expectOp('claimSection', { sectionId: '1.3', userid: 'zhang' });
    w.send('li', '麻烦认领一下 1.2 吧').expectOp('claimSection', {
      sectionId: '1.2',
      userid: 'li',
    });
    w.send('li', '认领 一（三）')
      .expectReply(/已由 张三 负责/)
      .expectNoOp('claimSection');
    w.send('zhang', '请帮我填写一、（三）').expectReply(/第1\/4题/);
  });

  it('loses a claim race cleanly: nothing applied, the dialog untouched, a clear reply', () => {
    const w = townshipWorld();
    const slow = w.prepare('li', '填写 一(三)');
    w.send('zhang', '认领 一(三)').expectOp('claimSection', { userid: 'zhang' });
    slow.commit().expectReply(/一（三） 刚被 张三 认领了/);
    expect(w.section(w.report().id, '1.3')).toMatchObject({ assignee: 'zhang', status: 'todo' });
    expect(w.dialog('li')).toBeNull();
  });

  it('says which sections exist when a reference matches none', () => {
    const w = townshipWorld();
    w.send('zhang', '填写 食品安全')
      .expectReply(/没找到「食品安全」对应的部分/)
      .expectReply(/一（三）矛盾纠纷预防化解/);
  });

  it('with a bare 填写, starts the one section the user owes', () => {
    const w = townshipWorld();
    w.send('admin', '分配 一(三) 给 张三');
    w.send('zhang', '填写').expectReply(/开始填写 一（三）/);
  });
});

describe('roles', () => {
  it('refuses 分配 to an official, naming who can', () => {
    const w = townshipWorld();
    w.send('zhang', '分配 一(三) 给 li')
      .expectReply(/只有管理员可以分配部分，请联系 王主任/)
      .expectNoOp('assignSection');
  });

  it('lets the admin assign to members by name or userid', () => {
    const w = townshipWorld();
    w.send('admin', '把矛盾纠纷分配给张三').expectOp('assignSection', {
      sectionId: '1.3',
      assignee: 'zhang',
      by: 'admin',
    });
    w.send('admin', '分配 二 给 li')
      .expectReply(/已分配给 李四/)
      .expectNoOp('addMember');
  });

  it('asks before giving a section to an account that is not a member, naming the members', () => {
    const w = townshipWorld();
    w.send('admin', '分配 二 给 wangwu')
      .expectReply(/「wangwu」还不是青石镇的成员/)
      .expectReply(/已知成员：.*张三（zhang）.*李四（li）/)
      .expectReply(/回复 \*\*确认\*\*，我把 ta 加为成员并分配 二/)
      .expectNoOp('addMember')
      .expectNoOp('assignSection');
    expect(w.members.some((m) => m.userid === 'wangwu')).toBe(false);
    w.send('admin', '确认')
      .expectReply(/已分配给 wangwu/)
      .expectOp('addMember', { userid: 'wangwu', roles: ['official'] })
      .expectOp('assignSection', { sectionId: '2', assignee: 'wangwu' });
    expect(w.section(w.report().id, '2').assignee).toBe('wangwu');
    w.send('admin', '确认')
      .expectReply(/现在没有需要确认的内容/)
      .expectNoOp('assignSection');
  });

  it('refuses the confirmation with the words of 分配 itself when the asker is no longer admin', () => {
    const w = townshipWorld();
    w.send('admin', '分配 二 给 wangwu').expectReply(/「wangwu」还不是青石镇的成员/);
    // The role is taken away outside the chat (another path into the store) before the answer.
    w.scopes = w.scopes.map((s) => ({
      ...s,
      members: s.members.map((m) => (m.userid === 'admin' ? { ...m, roles: ['official'] } : m)),
    }));
    w.send('admin', '确认')
      .expectReply(/^抱歉，只有管理员可以分配部分。$/)
      .expectNoOp('addMember')
      .expectNoOp('assignSection');
  });

  it('names the members when a name matches nobody', () => {
    const w = townshipWorld();
    w.send('admin', '分配 三 给 钱七')
      .expectReply(/没找到成员「钱七」。已知成员：.*张三（zhang）/)
      .expectReply(/请写成员的名字或企业微信账号（userid）/)
      .expectNoOp('assignSection');
  });

  it('gives no role to a non-member unless the admin confirms; a typo is dropped', () => {
    const w = townshipWorld();
    w.send('admin', '设置领导 zhnag')
      .expectReply(/「zhnag」还不是青石镇的成员/)
      .expectReply(/张三（zhang）/)
      .expectNoOp('grantRole');
    w.send('admin', '取消')
      .expectReply(/已取消/)
      .expectNoOp('grantRole');
    expect(w.members.some((m) => m.userid === 'zhnag')).toBe(false);

    w.send('admin', '设置管理员 zhaoliu').expectNoOp('grantRole');
    // Anything but 确认 drops the question and is read as a command of its own.
    w.send('admin', '进度')
      .expectReply(/待填写/)
      .expectNoOp('grantRole')
      .expectNoOp('addMember');
    w.send('admin', '确认').expectNoOp('grantRole');
    expect(w.members.some((m) => m.userid === 'zhaoliu')).toBe(false);

    w.send('admin', '设置领导 sunba').expectNoOp('grantRole');
    w.send('admin', '确认')
      .expectReply(/已设置 sunba 为领导/)
      .expectOp('addMember', { userid: 'sunba' })
      .expectOp('grantRole', { userid: 'sunba', role: 'leader' });
    expect(w.members.find((m) => m.userid === 'sunba')?.roles).toEqual(['official', 'leader']);
  });

  it('keeps officials out of sections assigned to someone else; admins may fill any', () => {
    const w = townshipWorld();
    w.send('admin', '分配 一(三) 给 zhang');
    w.send('li', '填写 一(三)').expectReply(
      /一（三） 已由 张三 负责。如需调整，请管理员（王主任）发送 分配/,
    );
    w.send('admin', '填写 一(三)')
      .expectReply(/第1\/4题/)
      .expectNoOp('claimSection');
  });

  it('grants leader and admin roles only through an admin', () => {
    const w = townshipWorld();
    w.send('zhang', '设置领导 li')
      .expectReply(/只有管理员可以设置领导/)
      .expectNoOp('grantRole');
    w.send('admin', '设置领导 李四')
      .expectReply(/已设置 李四 为领导/)
      .expectOp('grantRole', { userid: 'li', role: 'leader' });
    w.send('li', '汇总').expectOp('requestSummary', { scope: 'org' });
    w.send('admin', '设置管理员 zhang').expectOp('grantRole', { userid: 'zhang', role: 'admin' });
    w.send('zhang', '分配 一(一) 给 li').expectOp('assignSection', { sectionId: '1.1' });
  });

  it('adds whoever speaks in a bound group as an official', () => {
    const w = townshipWorld();
    w.send('newbie', '进度').expectOp('addMember', { userid: 'newbie', roles: ['official'] });
    expect(w.members.find((m) => m.userid === 'newbie')?.roles).toEqual(['official']);
    w.send('newbie', '进度').expectNoOp('addMember');
  });

  it('never keeps a webhook key in the dialog while asking which org', () => {
    const w = townshipWorld();
    w.send('admin', '新建 县司法局 2026年度报告 截止 2027-02-20', { chatId: 'chat-2' });
    const key = '693a91f6-7a0c-4bc4-97a0-0ec2a1f5b2c9';
    w.send('admin', `设置推送 ${key}`, { chat: 'single' })
      .expectReply(/选好后请重新发送 设置推送/)
      .expectNoOp('setWebhook');
    expect(JSON.stringify(w.dialogs.get('admin'))).not.toContain(key);
    w.send('admin', '1', { chat: 'single' })
      .expectReply(/已切换到 青石镇/)
      .expectNoOp('setWebhook');
    w.send('admin', `设置推送 ${key}`, { chat: 'single' }).expectOp('setWebhook', { key });
  });

  it('sets the push webhook without echoing the key', () => {
    const w = townshipWorld();
    const key = '693a91f6-7a0c-4bc4-97a0-0ec2a1f5b2c9';
    w.send(
      'zhang',
      `设置推送 https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${key}`,
    ).expectReply(/只有管理员可以设置推送/);
    const sent = w
      .send('admin', `设置推送 https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${key}`)
      .expectReply(/已设置推送（key \*\*\*\*b2c9）/)
      .expectOp('setWebhook', { key });
    expect(sent.reply).not.toContain(key.slice(0, 8));
    w.send('admin', '设置推送 hello').expectReply(/群机器人的 Webhook 地址/);
  });

  it("takes a webhook address only on WeCom's API host (or the one configured)", () => {
    const w = townshipWorld();
    const key = '693a91f6-7a0c-4bc4-97a0-0ec2a1f5b2c9';
    for (const address of [
      `https://qyapi.weixin.qq.com.evil.example/cgi-bin/webhook/send?key=${key}`,
      `http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${key}`,
      `https://user@qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${key}`,
      `evil.example/cgi-bin/webhook/send?key=${key}`,
    ]) {
      w.send('admin', `设置推送 ${address}`)
        .expectReply(/不是企业微信群机器人的地址，没有设置/)
        .expectNoOp('setWebhook');
    }
    w.send('admin', `设置推送 qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${key}`).expectOp(
      'setWebhook',
      { key },
    );
    // A bot pointed at a stand-in takes that host, and no longer WeCom's.
    const local = ['http://127.0.0.1:8099'];
    w.send('admin', `设置推送 http://127.0.0.1:8099/cgi-bin/webhook/send?key=${key}`, {
      webhookHosts: local,
    }).expectOp('setWebhook', { key });
    w.send('admin', `设置推送 https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${key}`, {
      webhookHosts: local,
    })
      .expectReply(/指向 qyapi\.weixin\.qq\.com，不是企业微信群机器人的地址/)
      .expectNoOp('setWebhook');
  });

  it('changes the deadline (admins only)', () => {
    const w = townshipWorld();
    w.send('zhang', '设置截止 3月1日').expectReply(/只有管理员/);
    w.send('admin', '设置截止 3月1日')
      .expectReply(/截止日期改为 2027年3月1日/)
      .expectOp('setDeadline', { deadline: '2027-03-01' });
    w.send('zhang', '进度').expectReply(/距截止还有\d+天（3月1日）/);
  });
});

describe('requests the adapter fulfils', () => {
  it('sends draft, check and summary requests for leaders and admins only', () => {
    const w = townshipWorld();
    w.send('zhang', '生成草稿')
      .expectReply(/只有管理员或领导可以生成草稿/)
      .expectNoOp('requestDraft');
    w.send('boss', '草稿')
      .expectReply(/正在生成草稿/)
      .expectOp('requestDraft', {
        deliverTo: { chatType: 'group', chatId: 'chat-1', userid: 'boss' },
      });
    w.send('boss', '检查').expectOp('requestCheck', {});
    w.send('zhang', '汇总').expectReply(/只有领导或管理员可以查看汇总/);
    w.send('boss', '汇总').expectOp('requestSummary', { scope: 'org', year: 2026 });
    w.send('boss', '全县进度')
      .expectReply(/县级单位/)
      .expectNoOp('requestSummary');
  });

  it('lets anyone ask for the reminder plan, suggesting a webhook when none is set', () => {
    const w = townshipWorld();
    w.send('zhang', '提醒计划')
      .expectReply(/只在工作日/)
      .expectReply(/设置推送/)
      .expectOp('requestReminderPlan', {});
  });
});

describe('words the bot does not know', () => {
  it('answers unknown input with what can be typed, and a stray answer with how to start', () => {
    const w = townshipWorld();
    w.send('zhang', '今天天气不错').expectReply(
      /没听懂「今天天气不错」。可以发送：`填写 一\(三\)`、`进度`、`帮助`/,
    );
    w.send('zhang', '全年排查矛盾纠纷35起').expectReply(/请先发送 \*\*填写 一\(三\)\*\*/);
    w.send('zhang', '确认').expectReply(/没有需要确认的内容/);
    w.send('zhang', '撤销').expectReply(/没有可以撤销的回答/);
    w.send('zhang', '跳过').expectReply(/没有正在回答的题目/);
  });

  it('shows help fitted to the role', () => {
    const w = townshipWorld();
    w.send('zhang', '你能做什么？')
      .expectReply(/填写 一\(三\)/)
      .expectNoMatch(/分配/);
    w.send('admin', '帮助').expectReply(/分配 一\(三\) 给/);
  });
});
