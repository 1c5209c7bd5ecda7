import { ReplyVerificationError, type CallbackResponse } from './callback-client.js';

/**
 * What the simulator tells a newcomer when something goes wrong, and its banner: texts that say
 * what to do next (start the bot, align the credentials), kept apart from the chat loop.
 */
export interface Where {
  readonly botName: string;
  readonly callbackUrl: string;
  /** The local WeCom API stand-in's base URL, for `WECOM_API_BASE`. */
  readonly standinUrl: string;
}

/** A send that failed before the bot answered. */
export function explainError(err: unknown, w: Where): string {
  if (err instanceof ReplyVerificationError) {
    return `${w.botName}的回复无法验证（${err.message}）。模拟器和机器人用的 Token / EncodingAESKey 是否一致？`;
  }
  if (isConnectionError(err)) {
    return `无法连接机器人 ${w.callbackUrl}。请先在另一个终端启动它：WECOM_API_BASE=${w.standinUrl} npm start`;
  }
  return `发送失败：${err instanceof Error ? err.message : String(err)}`;
}

/** A callback the bot answered with something other than HTTP 200. */
export function explainStatus(res: CallbackResponse, w: Where): string {
  const detail = res.error ? `${res.error.error}：${res.error.message}` : '';
  if (res.status === 401 || res.status === 403) {
    return `机器人拒绝了签名（HTTP ${res.status}）。模拟器和机器人用的 Token / EncodingAESKey 不一致：请让两边读同一个 DATA_DIR 或同样的环境变量。`;
  }
  if (res.status === 404) {
    return `机器人没有回调地址 ${w.callbackUrl}（HTTP 404）。地址或 --path 是否正确？`;
  }
  return `机器人返回 HTTP ${res.status}${detail ? `（${detail}）` : ''}。`;
}

/** The address as WeCom shows it in the group settings; the bot only keeps its key. */
export function webhookUrl(key: string): string {
  return `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${key}`;
}

/** The lines printed at start. */
export function bannerLines(
  w: Where,
  title: string,
  group: { readonly name: string; readonly webhookKey: string } | undefined,
): string[] {
  return [
    title,
    `机器人回调地址：${w.callbackUrl}`,
    `本地企业微信接口替身：${w.standinUrl}`,
    `要看到机器人推送到群里的消息和异步回复，请这样启动机器人：`,
    `  WECOM_API_BASE=${w.standinUrl} npm start`,
    ...(group
      ? [
          `当前群“${group.name}”的消息推送地址（/webhook 可再次查看）：`,
          `  ${webhookUrl(group.webhookKey)}`,
        ]
      : []),
    '输入 /help 查看命令，/quit 退出。',
    '',
  ];
}

function isConnectionError(err: unknown): boolean {
  let current: unknown = err;
  for (let depth = 0; depth < 4 && current; depth++) {
    const code = (current as { code?: unknown }).code;
    if (code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'ENOTFOUND') return true;
    current = (current as { cause?: unknown }).cause;
  }
  return err instanceof TypeError && err.message === 'fetch failed';
}

/** A file the user asked to send could not be read. */
export function readError(file: string, err: unknown): string {
  const code = (err as { code?: unknown }).code;
  if (code === 'ENOENT') return `找不到文件 ${file}。`;
  if (code === 'EISDIR') return `${file} 是一个目录，请给出文件路径。`;
  return `读不了文件 ${file}（${String(code ?? err)}）。`;
}

/** `/webhook`: the current group's push address. */
export function webhookLines(group: { readonly name: string; readonly webhookKey: string }) {
  return [
    `群“${group.name}”的消息推送（群机器人）地址：`,
    `  ${webhookUrl(group.webhookKey)}`,
    `机器人按 WECOM_API_BASE 发送，所以推送会出现在这里。`,
  ];
}

/** The local WeCom API stand-in could not listen. */
export function standinStartError(port: number, err: unknown): string {
  return (err as { code?: unknown }).code === 'EADDRINUSE'
    ? `端口 ${port} 已被占用（也许另一个模拟器还开着）。请关掉它，或用 --wecom-port 换一个端口。`
    : `无法启动本地企业微信接口替身（端口 ${port}）。`;
}
