/**
 * What the bot says about a report's kind of office and front matter (主送机关, 落款): asked at
 * `新建` and changed by `设置类型`, `设置主送`, `设置落款` (chat/format-commands.ts).
 */
export const formatTexts = {
  /** Any other command instead of answering the 主送/落款 question of `新建`. */
  frontMatterLeftAsDefault: '好的，主送和落款按默认写；需要时发送 设置主送／设置落款。',
} as const;
