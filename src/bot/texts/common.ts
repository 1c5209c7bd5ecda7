/** Words more than one of the bot's request handlers says. */
export const commonTexts = {
  /** A request names a report the store does not have (a draft, a check, a summary, reminders). */
  reportNotFound: '没有找到这份报告，请发送 **进度** 看看本群的报告。',
} as const;
