/**
 * What the bot says about the 主送机关 and the 落款 right after `新建`: the defaults it will write,
 * the one question that settles them, and its replies to the answer (chat/front-matter-question.ts).
 */
export const frontMatterTexts = {
  signingUnreadable: '落款请写“联合”（党委和政府一起落款）或“单独”（政府或本单位单独落款）。',
  signingJointOrSingle: '落款请写 联合 或 单独。',
  /** The word to type for a joint 落款, offered as the example when the default is single. */
  jointWord: '联合',
  /** The word to type for a single 落款, offered as the example when the default is joint. */
  singleWord: '单独',
  /** `example` is another kind of office than `office`. */
  officeLine: (office: string, example: string) =>
    `类型：${office}（如不对，发送 设置类型 + 正确类型，如：设置类型 ${example}）`,
  addresseeLine: (addressee: string) => `主送：${addressee}`,
  addresseeNone: '主送机关：不写',
  addresseeUnset: '主送机关：未设置（加入全县汇总后自动带出）',
  signingLine: (signing: string) => `落款：${signing}`,
  howToChange: '修改：设置主送 …／设置落款 联合或单独',
  /** `otherSigning` is the 落款 word that is not the default, shown as the example change. */
  askFrontMatter: (otherSigning: string) =>
    `❓ 主送和落款这样可以吗？回复 **好** 按上面的写；要改就一句话写明，如：主送 清河县委、清河县人民政府 落款 ${otherSigning}（不写主送机关：主送 无）`,
  reportChanged: '报告已变动，主送和落款请用 设置主送／设置落款 修改。',
  /** Second answer not understood: the question is dropped and the defaults stand. */
  keptDefaults: (problem: string) =>
    `⚠️ ${problem}\n先按默认写；需要时发送 设置主送 或 设置落款 修改。`,
  askAgain: (problem: string) => `⚠️ ${problem}\n回复 好 按默认写。`,
  /** `frontMatter` is the 主送 and 落款 lines as they now stand. */
  settled: (frontMatter: string) =>
    `👌 好的，草稿这样写：\n${frontMatter}\n\n接下来：\`填写 一(一)\`，或分工 \`分配 一(三) 给 zhangsan\``,
} as const;
