/**
 * What the protocol echo handler says (responder/handler.ts: protocol tests and the callback
 * benchmark's target, never the running bot): that the channel works, and what it received.
 */
export const echoTexts = {
  help: '回调通道正常，但还没有接入对话引擎：发来的文字会原样复述。（protocol echo handler）',
  welcome: '您好，回调通道已连通。',
  received: (what: string) => `收到：${what}`,
  /** Stands for an image, inside a mixed message or alone. */
  image: '[图片]',
  file: '[文件]',
  video: '[视频]',
} as const;
