/** What the bot answers to `邀请码` and `加入 <code>`, the county roll-up membership (handlers/county.ts). */
export const countyMembershipTexts = {
  invitationOnlyForCounty: '邀请码只能由县级单位（依法治县办）生成。',
  /** The new code, how to use it, and until when (`until` is a Chinese date). */
  invitationIssued: (code: string, days: number, until: string) =>
    `🔑 邀请码：**${code}**\n` +
    `请乡镇（街道）或部门的管理员在本单位工作群里 @我 发送：加入 ${code}\n` +
    `${days}天内有效（到 ${until}），只能用一次；每个单位一个码，再要请发送 邀请码。`,
  noOrg: '没有找到本单位，请先在本群新建报告。',
  countyCannotJoin: '县级单位不能加入别的县级汇总。邀请乡镇、部门请发送 邀请码。',
  codeExpired: (days: number) =>
    `邀请码已过期（${days}天有效），请向县里（依法治县办）要一个新的。`,
  codeUnknown: '邀请码不存在或已用过，请核对，或向县里（依法治县办）要一个新的。',
  /** The code's issuer is gone, is no county, or is the joining org itself. */
  codeNotFromCounty: '这个邀请码不是县级单位发的，无法加入。请向县里（依法治县办）要一个新的。',
  joined: (county: string, org: string) =>
    `✅ 已加入 ${county}的汇总。县里发送 全县进度、全县汇总 时会看到${org}的进度和数据。`,
  /** Joined, leaving the county it was counted in before. */
  joinedMoved: (county: string, org: string, previous: string) =>
    `✅ 已加入 ${county}的汇总（已不再计入 ${previous}）。县里发送 全县进度、全县汇总 时会看到${org}的进度和数据。`,
} as const;
