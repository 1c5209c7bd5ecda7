/** What a passive reply or a response_url body says where WeCom's size limit cut it (replies.ts). */
export const repliesTexts = {
  truncated: '……（内容过长，已截断）',
} as const;
