/**
 * What the bot says outside the conversation engine (whose words live with its commands in
 * chat/): the responder's own replies when the answer is not (yet) there, the welcome, and the
 * replies to messages the engine cannot read. One home, so each is written once.
 */
export const PLACEHOLDER_TEXT = '正在处理，请稍候……';
export const LATE_NOTE = '内容较多，稍后通过消息发送给您。';
/** Something failed that is not the user's doing: it is logged; the user may try again. */
export const ERROR_TEXT =
  '抱歉，处理这条消息时出了点问题，已记录下来。请稍后再试，或发送“帮助”查看用法。';
export const BUSY_TEXT = '当前消息较多，请稍后重新发送。';
export const EXPIRED_TEXT = '该消息已过期，请重新发送。';
export const INTERRUPTED_TEXT = '处理被中断，请重新发送。';
/** A store (Redis, the database) is down: nothing was applied, the user sends it again. */
export const RECOVERING_TEXT = '系统正在恢复，请稍后重发这条消息。';

/** Someone opens a single chat with the bot for the first time. */
export const WELCOME_TEXT =
  '您好，我是法治政府建设情况报告助手。发送 **帮助** 查看我能做什么；管理员可发送 **新建** 开始今年的报告。';
export const IMAGE_ONLY_TEXT = '我暂时看不懂图片，请把要填写的内容用文字发给我。';
export const VIDEO_TEXT = '我暂时看不了视频，请用文字告诉我要填写的内容。';
/** A request whose handler this instance was not given. */
export const NOT_READY_TEXT = '这项功能还在准备中，请稍后再试。';
