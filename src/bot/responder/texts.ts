/** What the responder itself says, when the handler's answer is not (yet) there. */
export const PLACEHOLDER_TEXT = '正在处理，请稍候……';
export const LATE_NOTE = '内容较多，稍后通过消息发送给您。';
export const ERROR_TEXT = '抱歉，处理时出了点问题，请稍后再试。';
export const BUSY_TEXT = '当前消息较多，请稍后重新发送。';
export const EXPIRED_TEXT = '该消息已过期，请重新发送。';
export const INTERRUPTED_TEXT = '处理被中断，请重新发送。';
/** A store (Redis, the database) is down: nothing was applied, the user sends it again. */
export const RECOVERING_TEXT = '系统正在恢复，请稍后重发这条消息。';
