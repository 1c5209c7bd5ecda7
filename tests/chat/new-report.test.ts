import { describe, expect, it } from 'vitest';
import { World } from './harness.js';

describe('新建', () => {
  it('creates org, binds the group, makes the creator admin and creates the report from one line', () => {
    const w = new World();
    const sent = w
      .send('admin', '@助手 新建 青石镇 2026年度法治政府建设情况报告 截止 2027-02-26')
      .expectReply(/已新建《青石镇2026年法治政府建设情况报告》/)
      .expectReply(/截止 2027年2月26日（还有47天），共6个部分，你是管理员/)
      .expectOp('createOrg', { org: { id: 'id1', name: '青石镇', kind: 'township' } })
      .expectOp('bindChat', { orgId: 'id1', chatId: 'chat-1' })
      .expectOp('grantRole', { orgId: 'id1', userid: 'admin', role: 'admin' });
    expect(sent.result.ops.map((o) => o.op)).toEqual([
      'createOrg',
      'bindChat',
      'createReport',
      'grantRole',
    ]);
    expect(w.reports[0]).toMatchObject({
      orgId: 'id1',
      year: 2026,
      deadline: '2027-02-26',
      templateId: 'township',
      templateVersion: 1,
      adminUserid: 'admin',
    });
    expect(w.reports[0]?.sections.map((s) => s.status)).toEqual(Array(6).fill('todo'));
    // One question is left open: the 主送机关 and 落款, which 好 keeps as shown.
    expect(sent.result.dialog).toMatchObject({ pending: { kind: 'frontMatter' } });
    w.send('admin', '好')
      .expectReply(/👌 好的，草稿这样写/)
      .expectNoOp('setReportFormat');
    expect(w.dialog('admin')).toBeNull();
  });

  it('reads 2027年2月26日 and a month/day without year as the next such date', () => {
    const w = new World();
    w.send('a', '新建 青石镇 2026年度报告 截止2027年2月26日').expectReply(/已新建/);
    expect(w.reports[0]?.deadline).toBe('2027-02-26');
    const w2 = new World();
    // Today is 2027-01-10: 2月26日 is next month; 1月5日 would be next year.
    w2.send('a', '新建 青石镇 2026年度法治政府建设情况报告 截止 2月26日').expectReply(/已新建/);
    expect(w2.reports[0]?.deadline).toBe('2027-02-26');
    const w3 = new World();
    w3.send('a', '新建 青石镇 2026年度报告 截止 1月5日').expectReply(/已新建/);
    expect(w3.reports[0]?.deadline).toBe('2028-01-05');
  });

  it('asks for each missing part one at a time', () => {
    const w = new World();
    w.send('admin', '新建').expectReply(/是哪个单位的/);
    w.send('admin', '青石镇').expectReply(/青石镇：报告是哪一年度的？请回复年份，如：2026/);
    w.send('admin', '去年').expectReply(/请回复报告所属的年份/);
    w.send('admin', '2026').expectReply(/截止日期是哪天/);
    w.send('admin', '2月30日').expectReply(/没看懂这个日期/);
    w.send('admin', '2027年1月3日').expectReply(/已经过了/);
    w.send('admin', '2月26日').expectReply(/已新建《青石镇2026年法治政府建设情况报告》/);
    expect(w.reports).toHaveLength(1);
    expect(w.dialog('admin')).toMatchObject({ pending: { kind: 'frontMatter' } });
  });

  it('asks the kind of office when the org name does not tell, and takes the template from it', () => {
    const w = new World();
    w.send('admin', '新建 青石 2026年度报告 截止 2027-02-26').expectReply(
      /青石是镇、乡、街道还是县直部门？.*\n1\. 镇 {2}2\. 乡 {2}3\. 街道 {2}4\. 县直部门/s,
    );
    w.send('admin', '5').expectReply(
      /^⚠️ 请回复数字 1 到 4：1\. 镇 {2}2\. 乡 {2}3\. 街道 {2}4\. 县直部门$/,
    );
    w.send('admin', '4')
      .expectReply(/已新建/)
      .expectReply(/类型：县直部门/);
    expect(w.reports[0]).toMatchObject({ templateId: 'department', office: 'department' });
  });

  it('reads the kind of office from the name and says what the front matter will be', () => {
    const w = new World();
    w.send('admin', '新建 城关街道 2026年度法治政府建设情况报告 截止 2027-02-26')
      .expectReply(/类型：街道（如不对，发送 设置类型 \+ 正确类型，如：设置类型 乡）/)
      .expectReply(/主送机关：未设置（加入全县汇总后自动带出）/)
      .expectReply(/落款：中共城关街道工作委员会、城关街道办事处联合落款/)
      .expectReply(
        /主送和落款这样可以吗？回复 \*\*好\*\* 按上面的写.*主送 清河县委、清河县人民政府 落款 单独/,
      );
    expect(w.reports[0]).toMatchObject({ templateId: 'township', office: 'subdistrict' });
    const w2 = new World();
    w2.send('admin', '新建 石门乡 2026年度报告 截止 2027-02-26').expectReply(/类型：乡/);
    expect(w2.reports[0]?.office).toBe('xiang');
  });

  it('takes the 主送机关 and 落款 on the 新建 line, and then asks nothing about them', () => {
    const w = new World();
    const sent = w
      .send(
        'admin',
        '新建 城关街道 2026年度法治政府建设情况报告 截止 2027-02-26 主送 清河县委、清河县人民政府 落款 单独',
      )
      .expectReply(/已新建《城关街道2026年法治政府建设情况报告》/)
      .expectReply(/主送：清河县委、清河县人民政府/)
      .expectReply(/落款：城关街道办事处单独落款/)
      .expectReply(/修改：设置主送/);
    expect(sent.result.dialog).toBeNull();
    expect(w.reports[0]).toMatchObject({
      orgName: '城关街道',
      deadline: '2027-02-26',
      addressee: '清河县委、清河县人民政府',
      signing: 'single',
    });
    const w2 = new World();
    w2.send('admin', '新建 石门乡 2026年度报告 截止 2027-02-26 落款 大家').expectReply(
      /落款请写“联合”.*或“单独”/,
    );
    expect(w2.reports).toHaveLength(0);
  });

  it('asks the 主送机关 and 落款 in one question answered in one message; another command keeps the defaults', () => {
    const w = new World();
    w.send('admin', '新建 城关街道 2026年度报告 截止 2027-02-26').expectReply(
      /主送和落款这样可以吗/,
    );
    w.send('admin', '主送 清河县委、清河县人民政府 落款 单独')
      .expectOp('setReportFormat', { addressee: '清河县委、清河县人民政府', signing: 'single' })
      .expectReply(/主送：清河县委、清河县人民政府\n落款：城关街道办事处单独落款/);
    expect(w.dialog('admin')).toBeNull();

    const w2 = new World();
    w2.send('admin', '新建 城关街道 2026年度报告 截止 2027-02-26');
    w2.send('admin', '单独').expectOp('setReportFormat', { signing: 'single' });
    expect(w2.reports[0]).toMatchObject({ signing: 'single' });
    expect(w2.reports[0]?.addressee).toBeUndefined();

    const w3 = new World();
    w3.send('admin', '新建 城关街道 2026年度报告 截止 2027-02-26');
    w3.send('admin', 'abc').expectReply(/请写主送机关的名称/);
    w3.send('admin', '主送 无').expectOp('setReportFormat', { addressee: '' });

    // Any other command goes on as asked: the question is dropped, the defaults stand.
    const w4 = new World();
    w4.send('admin', '新建 城关街道 2026年度报告 截止 2027-02-26');
    w4.send('admin', '进度')
      .expectReply(/城关街道2026年法治政府建设情况报告/)
      .expectNoOp('setReportFormat');
    expect(w4.dialog('admin')).toBeNull();
    w4.send('admin', '好').expectNoOp('setReportFormat');
  });

  it('changes the kind, the 主送机关 and the 落款, admins only', () => {
    const w = new World();
    w.send('admin', '新建 城关 2026年度报告 截止 2027-02-26');
    w.send('admin', '1').expectReply(/类型：镇/);
    w.send('admin', '设置类型 街道')
      .expectReply(/已设为街道/)
      .expectOp('setReportFormat', { office: 'subdistrict' });
    w.send('admin', '设置类型 街道')
      .expectReply(/已经是街道了/)
      .expectNoOp('setReportFormat');
    w.send('admin', '设置主送 清河县委、清河县人民政府')
      .expectReply(/主送机关改为：清河县委、清河县人民政府：/)
      .expectOp('setReportFormat', { addressee: '清河县委、清河县人民政府' });
    w.send('admin', '设置主送 无').expectOp('setReportFormat', { addressee: '' });
    w.send('admin', '设置落款').expectReply(
      /1\. 中共城关工作委员会、城关办事处联合落款（默认）\n2\. 城关办事处单独落款/,
    );
    w.send('admin', '设置落款 单独')
      .expectReply(/落款改为：城关办事处单独落款/)
      .expectOp('setReportFormat', { signing: 'single' });
    w.send('zhang', '设置落款 联合')
      .expectReply(/只有管理员可以设置落款/)
      .expectNoOp('setReportFormat');
    expect(w.reports[0]).toMatchObject({ office: 'subdistrict', addressee: '', signing: 'single' });
  });

  it('picks the department template for a county department', () => {
    const w = new World();
    w.send('admin', '新建 县司法局 2026年度法治政府建设情况报告 截止 2027-02-20').expectReply(
      /已新建/,
    );
    expect(w.reports[0]?.templateId).toBe('department');
    expect(w.orgs[0]?.kind).toBe('department');
  });

  it('lets 取消 and other commands drop a half-done 新建', () => {
    const w = new World();
    w.send('admin', '新建 青石镇').expectReply(/哪一年度/);
    w.send('admin', '取消').expectReply(/已取消新建/);
    expect(w.dialog('admin')).toBeNull();
    expect(w.reports).toHaveLength(0);
  });

  it('refuses a second report for the same year, and non-admins', () => {
    const w = new World();
    w.send('admin', '新建 青石镇 2026年度报告 截止 2027-02-26');
    w.send('admin', '新建 2026年度报告 截止 2027-02-26')
      .expectReply(/已有2026年度报告/)
      .expectNoOp('createReport');
    w.send('zhang', '新建 2027年度报告 截止 2028-02-26').expectReply(
      /^抱歉，只有管理员可以新建报告，请联系 /,
    );
    w.send('admin', '新建 2027年度报告 截止 2028-02-26')
      .expectReply(/已新建《青石镇2027年/)
      .expectNoOp('createOrg');
  });

  it('tells people in an unbound group how to start', () => {
    const w = new World();
    w.send('zhang', '进度').expectReply(/本群还没有报告。管理员可发送/);
    w.send('zhang', '帮助').expectReply(/先新建报告/);
    w.send('zhang', '进度', { chat: 'single' }).expectReply(/你还没有加入任何单位的报告/);
  });
});
