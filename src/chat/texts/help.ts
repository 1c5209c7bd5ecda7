import { commonTexts } from './common.js';

/**
 * The `帮助` reply, shaped by who asks and whether a report exists, and the short replies to words
 * the engine could not place (chat/help.ts).
 */
export const helpTexts = {
  /** No report yet: how to start one. */
  noReport:
    '**法治政府建设报告助手**\n' +
    '先新建报告（发送人成为管理员）：\n' +
    `\`${commonTexts.newReportExample}\`\n` +
    '缺的信息我会逐项问你。\n' +
    '县级汇总群（依法治县办）：`新建县级单位 青山县依法治县办`',
  forEveryone:
    '**我能做的**\n' +
    '`填写 一(三)` 逐题填写（也可用关键词：`填写 普法`）\n' +
    '`认领 矛盾纠纷` 认领一个部分\n' +
    '填写中：`跳过` `上一题` `撤销` `取消` `继续`\n' +
    '`修改 一(三)` 重新填写已完成的部分\n' +
    '`进度` 看谁完成了什么',
  forAdminsAndLeaders: '`汇总` `生成草稿` `草稿 历史` `检查` `提醒计划`',
  forAdmins:
    '管理员：`分配 一(三) 给 zhangsan` `设置截止 2月26日` `设置推送 <地址>` `设置领导 <userid>` `设置管理员 <userid>`\n' +
    '报告格式：`设置类型 街道` `设置主送 清河县委、清河县人民政府` `设置落款 单独`\n' +
    '提醒：`暂停提醒` `恢复提醒` `立即提醒`\n' +
    '加入全县汇总：`加入 <县里给的邀请码>`',
  /** A county office's group: it rolls up the offices that joined it and files no report here. */
  countyForEveryone:
    '**全县汇总（县级单位）**\n`全县进度` 各单位完成情况\n`全县汇总` 各单位数据合计',
  countyForAdmins:
    '`邀请码` 生成邀请码，发给乡镇（部门）管理员，对方在本单位群里发送 `加入 <邀请码>`\n' +
    '管理员：`设置领导 <userid>` `设置管理员 <userid>`\n' +
    '报告格式：`设置类型 街道` `设置主送 清河县委、清河县人民政府` `设置落款 单独`',
  /** `shown` is the start of what was sent, cut short. */
  notUnderstood: (shown: string) => `没听懂「${shown}」。发送 **帮助** 看看我能做什么。`,
  notUnderstoodWithReport: (shown: string) =>
    `没听懂「${shown}」。可以发送：\`填写 一(三)\`、\`进度\`、\`帮助\``,
  /** Text that looks like an answer while the user's fill is paused. */
  strayAnswerWhilePaused: '你的填写已暂停，发送 **继续** 回到刚才那一题，再回答。',
  strayAnswer:
    '这像是某一部分的回答：请先发送 **填写 一(三)**（或关键词，如 `填写 普法`），我会逐题提问，再回复答案。',
} as const;
