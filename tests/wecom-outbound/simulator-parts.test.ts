import { describe, expect, it } from 'vitest';
import { renderCard, renderMarkdown } from '../../src/devtools/render.js';
import { parseLine, SimSession, webhookKeyFor } from '../../src/devtools/sim-session.js';
import { parseWebhookKey } from '../../src/wecom/outbound/index.js';

describe('renderMarkdown', () => {
  it('shows WeCom markdown as plain terminal text', () => {
    const md = [
      '# 青石镇2025年法治政府建设情况报告',
      '**进度**：<font color="warning">3/8</font> 节已完成',
      '- `认领 矛盾纠纷化解`：认领章节',
      '> 截止日期 2026-02-28',
      '<@zhangsan> 请查看[草稿](https://example.com/d/1)',
      '| 章节 | 状态 |',
      '| --- | --- |',
      '| 一(三) | 已完成 |',
      '```',
      '原样保留',
      '```',
      '<think>内部推理</think>完毕',
    ].join('\n');
    expect(renderMarkdown(md)).toBe(
      [
        '青石镇2025年法治政府建设情况报告',
        '进度：3/8 节已完成',
        '• 认领 矛盾纠纷化解：认领章节',
        '│ 截止日期 2026-02-28',
        '@zhangsan 请查看草稿（https://example.com/d/1）',
        '| 章节 | 状态 |',
        '| 一(三) | 已完成 |',
        '    原样保留',
        '完毕',
      ].join('\n'),
    );
  });
});

describe('renderCard', () => {
  it('lists the title, rows and button labels', () => {
    expect(
      renderCard({
        card_type: 'button_interaction',
        main_title: { title: '分配章节', desc: '一(三) 矛盾纠纷化解' },
        horizontal_content_list: [{ keyname: '截止', value: '2026-02-28' }],
        button_list: [
          { text: '认领', key: 'claim' },
          { text: '稍后', key: 'later' },
        ],
      }),
    ).toBe('分配章节\n一(三) 矛盾纠纷化解\n截止：2026-02-28\n[认领] [稍后]');
  });
});

describe('simulator commands', () => {
  it.each([
    ['帮助', { kind: 'message', text: '帮助' }],
    ['/as lisi', { kind: 'as', userid: 'lisi' }],
    ['/group 青石镇 工作群', { kind: 'group', name: '青石镇 工作群' }],
    ['/group', { kind: 'group' }],
    ['/single', { kind: 'single' }],
    ['/wait 3', { kind: 'wait', seconds: 3 }],
    ['/file 去年的报告.docx', { kind: 'file', path: '去年的报告.docx' }],
    ["/file '/tmp/去年 的报告.docx'", { kind: 'file', path: '/tmp/去年 的报告.docx' }],
    ['/file /tmp/去年\\ 的报告.docx', { kind: 'file', path: '/tmp/去年 的报告.docx' }],
    ['/QUIT', { kind: 'quit' }],
    ['   ', { kind: 'empty' }],
  ])('parses %j', (line, command) => {
    expect(parseLine(line)).toEqual(command);
  });

  it('refuses a userid WeCom would not have', () => {
    expect(parseLine('/as 张 三')).toMatchObject({ kind: 'invalid' });
    expect(parseLine('/wait forever')).toMatchObject({ kind: 'invalid' });
    expect(parseLine('/file   ')).toMatchObject({ kind: 'invalid' });
  });

  it('keeps each group’s chatid and webhook key stable and tracks who spoke', () => {
    const a = new SimSession('zhangsan', '青石镇工作群');
    const b = new SimSession('lisi', '青石镇工作群');
    expect(a.place).toEqual(b.place);
    expect(a.actAs('lisi')).toBe(true);
    expect(a.actAs('zhangsan')).toBe(false);
    expect(a.users).toEqual(['zhangsan', 'lisi']);
    const other = a.enterGroup('白沙镇工作群');
    expect(other.chatid).not.toBe(b.groups[0]!.chatid);
    expect(a.groupByWebhookKey(webhookKeyFor('白沙镇工作群'))).toBe(other);
    a.enterSingle();
    expect(a.describe()).toBe('zhangsan（单聊）');
  });

  it('speaks in a group by its chat id when given one (the demo county’s groups)', () => {
    const s = new SimSession('demo-leader-1');
    expect(s.enterGroup('demo-chat-1-county').chatid).toBe('demo-chat-1-county');
    expect(s.enterGroup('青山县工作群').chatid).toMatch(/^wr[0-9a-f]{30}$/);
  });

  it('gives each group a webhook address the bot can read the key from', () => {
    const key = webhookKeyFor('青石镇工作群');
    expect(parseWebhookKey(`https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${key}`)).toBe(
      key,
    );
    expect(parseWebhookKey(key)).toBe(key);
    expect(parseWebhookKey('https://qyapi.weixin.qq.com/cgi-bin/other?key=abc')).toBeUndefined();
  });
});
