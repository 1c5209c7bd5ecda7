/**
 * What the bot says about the county roll-up (chat/county-commands.ts): making a county office
 * with `新建县级单位`, its `邀请码`, and a township or department joining with `加入 <邀请码>`.
 */
export const countyTexts = {
  /** `example`: the whole `新建县级单位 …` command. */
  newCountyInGroupOnly: (example: string) => `请在县级单位的工作群里 @我 发送：${example}`,
  alreadyCountyGroup: (county: string) =>
    `本群已是 ${county} 的县级汇总群。邀请乡镇、部门请发送 邀请码。`,
  groupBoundToOrg: (org: string) =>
    `本群已绑定 ${org}，不能再设为县级单位。请在县级单位的工作群里发送。`,
  /** A name that does not say which county (`依法治县办`, `县司法局`). */
  countyNameNeeded: (example: string) => `请写上县级单位全称（含县名），如：${example}`,
  countyCreated: (county: string) =>
    [
      `✅ 已新建县级单位「${county}」，本群为县级汇总群，你是管理员。`,
      '',
      '邀请乡镇（街道）、部门：发送 `邀请码`，把码发给对方管理员，对方在本单位群里 @我 发送 `加入 <邀请码>`。',
      '查看：`全县进度` `全县汇总`',
    ].join('\n'),

  inviteFromCountyOnly:
    '邀请码由县级单位（依法治县办）在县级工作群里发放。本单位要加入全县汇总：请向县里要邀请码，再发送 加入 <邀请码>。',
  issuingInvitation: '🔑 正在生成邀请码（一码一用，30天内有效）…',

  countyCannotJoin: '县级单位不能加入别的县级汇总。邀请乡镇、部门加入本县汇总，请发送 邀请码。',
  joinCodeMissing: '请发送县里给的邀请码，如：加入 ABCD2345',
  joinCodeMalformed: (typed: string) =>
    `邀请码是8位字母和数字，「${typed}」不对，请核对后再发送，如：加入 ABCD2345`,
  joining: (code: string) => `🔗 正在用邀请码 ${code} 加入全县汇总…`,
} as const;
