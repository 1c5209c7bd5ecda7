/**
 * What the bot says about a report's kind of office and front matter (主送机关, 落款): asked at
 * `新建` and changed by `设置类型`, `设置主送`, `设置落款` (chat/format-commands.ts).
 */
export const formatTexts = {
  /** `list`: the kinds, numbered, on one line. */
  officeQuestion: (org: string, list: string) =>
    `${org}是镇、乡、街道还是县直部门？问题里的称呼（党委/党工委/党组、镇长/乡长/办事处主任/局长）按这个来。回复数字：\n${list}`,
  /** `设置类型` without a kind it can read; `list`: the kinds. */
  officeKindUsage: (now: string, list: string) =>
    `现在是：${now}。请写明类型（${list}），如：设置类型 街道`,
  officeKindAlready: (org: string, kind: string) => `${org}已经是${kind}了。`,
  /** `sample`: a title as the questions now word it (e.g. 党工委书记), to show the change. */
  officeKindSet: (kind: string, sample: string) =>
    `👌 已设为${kind}。问题和草稿里的称呼随之调整（如“${sample}”）；已填的回答不变。`,
  officeKindSetNoSample: (kind: string) =>
    `👌 已设为${kind}。问题和草稿里的称呼随之调整；已填的回答不变。`,

  /** `好` or `1` for the default 主送机关 when there is none (the county is not known). */
  addresseeNoDefault: '请直接写主送机关，如：清河县委、清河县人民政府；暂不写请回复 无。',
  addresseeUnreadable: '请写主送机关的名称，如：清河县委、清河县人民政府；暂不写请回复 无。',
  addresseeNow: (addressee: string) =>
    `现在的主送机关：${addressee}。修改请发送：设置主送 清河县委、清河县人民政府（不写请发送 设置主送 无）`,
  addresseeUnset: '（未设置）',
  addresseeSet: (addressee: string) => `👌 主送机关改为：${addressee}：`,
  addresseeDropped: '👌 草稿不写主送机关了。需要时发送 设置主送 清河县委、清河县人民政府。',
  /** Any other command instead of answering the 主送/落款 question of `新建`. */
  frontMatterLeftAsDefault: '好的，主送和落款按默认写；需要时发送 设置主送／设置落款。',

  jointSigning: (party: string, government: string) => `${party}、${government}联合落款`,
  singleSigning: (government: string) => `${government}单独落款`,
  /** After the first of the signing options. */
  signingDefaultMark: '（默认）',
  /** `list`: the signing options, one numbered line each. */
  signingQuestion: (list: string) => `落款怎么写？回复数字：\n${list}`,
  /** `设置落款` without a choice it can read. */
  signingUsage: (list: string) => `落款怎么写？发送 设置落款 加数字：\n${list}`,
  signingSet: (signing: string) => `👌 落款改为：${signing}。生成草稿时按此落款。`,
} as const;
