import path from 'node:path';
import { createInterface } from 'node:readline';
import { saveFile } from './sim-files.js';
import { WeComWsStandin, type ChatDelivery, type WsSender } from './wecom-ws-standin.js';

/**
 * `npm run chat -- --mode ws`: plays group members over the long connection. It runs the local
 * stand-in of WeCom's WebSocket endpoint; the bot, started with `WECOM_BOT_ID`,
 * `WECOM_BOT_SECRET` and `WECOM_WS_URL` pointing here, connects to it. Each typed line is a
 * message from the current user; the finished stream answer is printed, and so is whatever the
 * bot pushes into the chat on its own (reminders, the draft file, late results).
 */
export interface WsChatOptions {
  readonly input: NodeJS.ReadableStream & { readonly isTTY?: boolean };
  readonly output: NodeJS.WritableStream;
  readonly botId: string;
  readonly secret: string;
  readonly port: number;
  readonly user?: string;
  readonly group?: string;
  /** Start in a single chat instead of the group. */
  readonly single?: boolean;
  /** Where pushed files are saved; undefined: not saved. */
  readonly filesDir?: string;
  /** After piped input ends, how long to keep listening for pushes. */
  readonly lingerMs?: number;
}

export const DEFAULT_WS_PORT = 3901;

const HELP = `/as <userid>   换人说话 / speak as another user
/group <群id>  进入群聊 / switch to a group chat
/single        进入单聊 / switch to a single chat
/wait <秒>     等待机器人推送 / wait for pushes
/quit          退出 / quit
其他内容作为当前用户的消息发送 / any other line is a message`;

export async function runWsChat(o: WsChatOptions): Promise<number> {
  const wecom = await WeComWsStandin.start({ bots: { [o.botId]: o.secret }, port: o.port });
  const print = (line: string) => o.output.write(`${line}\n`);
  print(`企业微信长连接替身已启动 / WeCom long-connection stand-in on ${wecom.url}`);
  print(
    `请这样启动机器人 / start the bot with:\n  WECOM_BOT_ID=${o.botId} WECOM_BOT_SECRET=${o.secret} WECOM_WS_URL=${wecom.url} npm start`,
  );
  const userid = o.user ?? 'zhangsan';
  let sender: WsSender = o.single
    ? { userid, chattype: 'single' }
    : { userid, chattype: 'group', chatid: o.group ?? 'qingshi-group' };
  const shown = new Set<ChatDelivery>();
  const showPushes = async () => {
    for (const d of wecom.deliveries) {
      if (d.via !== 'send' || shown.has(d)) continue;
      shown.add(d);
      await showPush(d);
    }
  };
  const showPush = async (d: ChatDelivery) => {
    const body = d.body as {
      msgtype?: string;
      markdown?: { content?: string };
      file?: { media_id?: string };
      image?: { media_id?: string };
    };
    if (body.msgtype === 'markdown') print(`📣 [${d.chat}] ${body.markdown?.content ?? ''}`);
    const mediaId = body.file?.media_id ?? body.image?.media_id;
    const media = mediaId ? wecom.media.get(mediaId) : undefined;
    if (!media) return;
    // A chart is named for what it is; files keep their own names. Nothing is overwritten.
    const name = body.msgtype === 'image' ? `图表${path.extname(media.filename)}` : media.filename;
    const where = o.filesDir ? await saveFile(o.filesDir, name, media.data) : '';
    const icon = body.msgtype === 'image' ? '🖼' : '📎';
    print(
      `${icon} [${d.chat}] ${media.filename}（${media.data.byteLength} 字节）${where ? ` → ${where}` : ''}`,
    );
  };
  const timer = setInterval(() => void showPushes(), 300);
  print(HELP);
  const rl = createInterface({ input: o.input, terminal: false });
  try {
    for await (const raw of rl) {
      const line = raw.trim();
      if (!line) continue;
      const [cmd, ...rest] = line.split(/\s+/);
      const arg = rest.join(' ');
      if (cmd === '/quit') break;
      if (cmd === '/help') print(HELP);
      else if (cmd === '/as' && arg) sender = { ...sender, userid: arg };
      else if (cmd === '/group' && arg)
        sender = { userid: sender.userid, chattype: 'group', chatid: arg };
      else if (cmd === '/single') sender = { userid: sender.userid, chattype: 'single' };
      else if (cmd === '/wait') await new Promise((r) => setTimeout(r, (Number(arg) || 5) * 1000));
      else {
        print(`${sender.userid}${sender.chatid ? `@${sender.chatid}` : ''}> ${line}`);
        try {
          print(`🤖 ${await wecom.say(o.botId, sender, line)}`);
        } catch (err) {
          print(`⚠️ ${(err as Error).message}`);
        }
      }
      await showPushes();
    }
    if (!o.input.isTTY) await new Promise((r) => setTimeout(r, o.lingerMs ?? 2_000));
    await showPushes();
    return 0;
  } finally {
    clearInterval(timer);
    rl.close();
    await wecom.close();
  }
}
