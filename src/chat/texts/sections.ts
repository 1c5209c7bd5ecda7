/**
 * What the bot says when someone names a section to claim, fill, edit or assign
 * (chat/section-commands.ts), and while it waits for a numbered choice of section.
 */
export const sectionsTexts = {
  /** Anything but a number in the list while a choice of section waits. */
  pickNumber: (count: number) => `请回复 1 到 ${count} 之间的数字，或发送 取消。`,
} as const;
