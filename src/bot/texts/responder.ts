/**
 * What the bot says outside the conversation engine (whose words live with its commands in
 * chat/): the responder's own replies when the answer is not (yet) there, the welcome, and the
 * replies to messages the engine cannot read.
 */
export const responderTexts = {
  /** The stream's first frame while the turn is still running. */
  placeholder: '正在处理，请稍候……',
  /** Appended when the answer outlives the stream and follows by message. */
  lateNote: '内容较多，稍后通过消息发送给您。',
  /** Something failed that is not the user's doing: it is logged; the user may try again. */
  error: '抱歉，处理这条消息时出了点问题，已记录下来。请稍后再试，或发送“帮助”查看用法。',
  /** The user's queue stayed full past the wait. */
  busy: '当前消息较多，请稍后重新发送。',
  /** A refresh for a stream the registry no longer holds. */
  expired: '该消息已过期，请重新发送。',
  /** Appended to a stream whose turn stopped half-way. */
  interrupted: '处理被中断，请重新发送。',
  /** A store (Redis, the database) is down: nothing was applied, the user sends it again. */
  recovering: '系统正在恢复，请稍后重发这条消息。',
  /** Someone opens a single chat with the bot for the first time. */
  welcome:
    '您好，我是法治政府建设情况报告助手。发送 **帮助** 查看我能做什么；管理员可发送 **新建** 开始今年的报告。',
  imageOnly: '我暂时看不懂图片，请把要填写的内容用文字发给我。',
  video: '我暂时看不了视频，请用文字告诉我要填写的内容。',
  /** A request whose handler this instance was not given. */
  notReady: '这项功能还在准备中，请稍后再试。',
} as const;
