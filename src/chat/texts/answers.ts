/** The hints the bot gives when an answer to a question cannot be read (chat/answer-parse.ts). */
export const answersTexts = {
  nothingReceived: '没有收到内容，请直接回复答案。',
  tooLong: (length: number, max: number) =>
    `内容太长了（${length}字），请分几条发送或精简到${max}字以内。`,
  listEmpty: '请写出具体做法，每条一行，或用“一是……二是……”。',
  listTooThin: '内容太简单了，请写清楚做了什么，每条一行。',
  textTooThin: '内容太简单了，请用一两句话写清楚。没有可回复“无”。',
  yesNoUnclear: '请回复“是”或“否”，可在后面补充说明，如：是，全年出庭2次。',
} as const;
