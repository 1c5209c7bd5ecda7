import type { Session } from './session.js';

/** The `帮助` reply, shaped by who is asking and whether a report exists. */
export function helpText(s: Session): string {
  if (s.scope?.org.kind === 'county' && !s.scope.report) return countyHelp(s);
  if (!s.scope?.report) {
    return [
      '**法治政府建设报告助手**',
      '先新建报告（发送人成为管理员）：',
      '`新建 青石镇 2026年度法治政府建设情况报告 截止 2027-02-26`',
      '缺的信息我会逐项问你。',
      '县级汇总群（依法治县办）：`新建县级单位 青山县依法治县办`',
    ].join('\n');
  }
  const lines = [
    '**我能做的**',
    '`填写 一(三)` 逐题填写（也可用关键词：`填写 普法`）',
    '`认领 矛盾纠纷` 认领一个部分',
    '填写中：`跳过` `上一题` `撤销` `取消` `继续`',
    '`修改 一(三)` 重新填写已完成的部分',
    '`进度` 看谁完成了什么',
  ];
  if (s.hasRole('admin', 'leader')) lines.push('`汇总` `生成草稿` `草稿 历史` `检查` `提醒计划`');
  if (s.hasRole('admin')) {
    lines.push(
      '管理员：`分配 一(三) 给 zhangsan` `设置截止 2月26日` `设置推送 <地址>` `设置领导 <userid>` `设置管理员 <userid>`',
      '报告格式：`设置类型 街道` `设置主送 清河县委、清河县人民政府` `设置落款 单独`',
      '提醒：`暂停提醒` `恢复提醒` `立即提醒`',
      '加入全县汇总：`加入 <县里给的邀请码>`',
    );
  }
  return lines.join('\n');
}

/** A county office's group: it rolls up the orgs that joined it and files no report here. */
function countyHelp(s: Session): string {
  const lines = [
    '**全县汇总（县级单位）**',
    '`全县进度` 各单位完成情况',
    '`全县汇总` 各单位数据合计',
  ];
  if (s.hasRole('admin')) {
    lines.push(
      '`邀请码` 生成邀请码，发给乡镇（部门）管理员，对方在本单位群里发送 `加入 <邀请码>`',
      '管理员：`设置领导 <userid>` `设置管理员 <userid>`',
      '报告格式：`设置类型 街道` `设置主送 清河县委、清河县人民政府` `设置落款 单独`',
    );
  }
  return lines.join('\n');
}

/** For words the engine could not place: short, with what to type instead. */
export function unknownText(s: Session, text: string): string {
  const shown = [...text.trim()].slice(0, 12).join('');
  const tail = [...text.trim()].length > 12 ? '…' : '';
  if (!s.scope?.report) return `没听懂「${shown}${tail}」。发送 **帮助** 看看我能做什么。`;
  return `没听懂「${shown}${tail}」。可以发送：\`填写 一(三)\`、\`进度\`、\`帮助\``;
}

/** Text that looks like an answer, sent while no question is open. */
export function strayAnswerText(s: Session): string {
  const paused = s.fill;
  if (paused) return '你的填写已暂停，发送 **继续** 回到刚才那一题，再回答。';
  return '这像是某一部分的回答：请先发送 **填写 一(三)**（或关键词，如 `填写 普法`），我会逐题提问，再回复答案。';
}

/** Heuristic: digits, several lines, list markers or a longer sentence read as an answer. */
export function looksLikeAnswer(text: string): boolean {
  const t = text.trim();
  return (
    /\d/.test(t) || t.includes('\n') || /[一二三四五六七八九十]是/.test(t) || [...t].length >= 15
  );
}
