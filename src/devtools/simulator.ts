import { mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import {
  CallbackClient,
  ReplyVerificationError,
  type CallbackResponse,
  type Sender,
} from './callback-client.js';
import type { PassiveReply } from '../wecom/replies.js';
import { ANSI, PLAIN, renderCard, renderMarkdown, type Style } from './render.js';
import { HELP, parseLine, SimSession, type Place } from './sim-session.js';
import { WeComStandin, type StandinDelivery, type WebhookBody } from './wecom-standin.js';

/**
 * `npm run chat`: a terminal stand-in for WeCom. It speaks as named users in groups and single
 * chats to a running bot — signed, encrypted callbacks through CallbackClient, streams followed
 * to the end — and runs a local WeCom API stand-in so that what the bot pushes into a group
 * (webhook) or sends later (response_url) shows up here too. Works interactively and with piped
 * input (one line per message or command).
 */
export interface SimulatorOptions {
  readonly input: NodeJS.ReadableStream & { readonly isTTY?: boolean };
  readonly output: NodeJS.WritableStream & { readonly isTTY?: boolean };
  /** Where the bot listens, e.g. `http://127.0.0.1:3000`. */
  readonly botUrl: string;
  readonly callbackPath?: string;
  readonly credentials: {
    readonly token: string;
    readonly encodingAesKey: string;
    readonly receiveId?: string;
  };
  /** The local WeCom API stand-in; the bot needs `WECOM_API_BASE=http://<host>:<port>`. */
  readonly wecomHost?: string;
  readonly wecomPort?: number;
  readonly user?: string;
  /** The group to start in; undefined starts in a single chat. */
  readonly group?: string;
  /** The bot's display name, put before group messages as `@报告助手 `. */
  readonly botName?: string;
  /** Pause between stream refreshes (WeCom: about a second). */
  readonly refreshIntervalMs?: number;
  /** After piped input ends, how long to keep listening for pushes. */
  readonly lingerMs?: number;
  /** Where files pushed into groups are saved; undefined: not saved. */
  readonly filesDir?: string;
  /** Default: whether the input is a terminal. */
  readonly interactive?: boolean;
  /** Default: whether the output is a terminal and NO_COLOR is unset. */
  readonly color?: boolean;
}

export const DEFAULT_WECOM_PORT = 3900;
const DEFAULT_WAIT_SECONDS = 10;

export async function runSimulator(options: SimulatorOptions): Promise<number> {
  const sim = new Simulator(options);
  return sim.run();
}

class Simulator {
  private readonly style: Style;
  private readonly interactive: boolean;
  private readonly session: SimSession;
  private readonly botName: string;
  private readonly client: CallbackClient;
  private readonly callbackUrl: string;
  private readonly greeted = new Set<string>();
  private standin: WeComStandin | undefined;
  private waiters: Array<() => void> = [];
  private printing: Promise<void> = Promise.resolve();
  private failures = 0;
  private redraw: (() => void) | undefined;
  /** While a typed line is being handled the prompt stays away; it returns when we are done. */
  private busy = false;

  constructor(private readonly options: SimulatorOptions) {
    this.interactive = options.interactive ?? Boolean(options.input.isTTY);
    const color = options.color ?? (Boolean(options.output.isTTY) && !process.env.NO_COLOR);
    this.style = color ? ANSI : PLAIN;
    this.session = new SimSession(options.user ?? 'zhangsan', options.group);
    this.botName = options.botName ?? '报告助手';
    const base = options.botUrl.replace(/\/+$/, '');
    const callbackPath = options.callbackPath ?? '/wecom/callback';
    this.callbackUrl = base + callbackPath;
    this.client = new CallbackClient({
      baseUrl: base,
      path: callbackPath,
      token: options.credentials.token,
      encodingAesKey: options.credentials.encodingAesKey,
      receiveId: options.credentials.receiveId ?? '',
    });
  }

  async run(): Promise<number> {
    try {
      this.standin = await WeComStandin.start({
        host: this.options.wecomHost ?? '127.0.0.1',
        port: this.options.wecomPort ?? DEFAULT_WECOM_PORT,
        acceptUnknownKeys: true,
        onDelivery: (d) => this.onDelivery(d),
      });
    } catch (err) {
      const port = this.options.wecomPort ?? DEFAULT_WECOM_PORT;
      const busy = (err as { code?: unknown }).code === 'EADDRINUSE';
      this.say(
        busy
          ? `端口 ${port} 已被占用（也许另一个模拟器还开着）。请关掉它，或用 --wecom-port 换一个端口。`
          : `无法启动本地企业微信接口替身（端口 ${port}）。`,
      );
      return 2;
    }
    try {
      this.banner();
      await this.checkBot();
      await this.loop();
      if (!this.interactive) await this.linger(this.options.lingerMs ?? 1_000);
    } finally {
      await this.standin.close();
    }
    return this.failures > 0 && !this.interactive ? 1 : 0;
  }

  // ---- input -----------------------------------------------------------------------------------

  private async loop(): Promise<void> {
    const rl = createInterface({
      input: this.options.input,
      output: this.interactive ? this.options.output : undefined,
      terminal: this.interactive && Boolean(this.options.output.isTTY),
    });
    const prompt = () => {
      rl.setPrompt(`${this.session.describe()}> `);
      rl.prompt();
    };
    this.redraw = this.interactive ? () => rl.prompt(true) : undefined;
    // Ctrl-C leaves like /quit (readline would otherwise just pause).
    rl.on('SIGINT', () => rl.close());
    if (this.interactive) prompt();
    try {
      for await (const line of rl) {
        if (!this.interactive) this.say(`${this.session.describe()}> ${line}`);
        this.busy = true;
        const keepGoing = await this.handle(line).finally(() => (this.busy = false));
        if (!keepGoing) break;
        if (this.interactive) prompt();
      }
    } finally {
      this.redraw = undefined;
      rl.close();
    }
  }

  private async handle(line: string): Promise<boolean> {
    const command = parseLine(line);
    switch (command.kind) {
      case 'empty':
        return true;
      case 'quit':
        return false;
      case 'help':
        this.say(HELP);
        return true;
      case 'invalid':
        this.say(command.problem);
        return true;
      case 'users':
        this.say(
          `出场的人：${this.session.users
            .map((u) => (u === this.session.user ? `${u}（当前）` : u))
            .join('、')}`,
        );
        return true;
      case 'as': {
        const fresh = this.session.actAs(command.userid);
        this.say(`现在以 ${command.userid} 的身份发言${fresh ? '（新出场）' : ''}。`);
        if (this.session.place.kind === 'single') await this.greet();
        return true;
      }
      case 'group': {
        if (!command.name) {
          const names = this.session.groups.map((g) => g.name);
          this.say(
            names.length
              ? `已有的群：${names.join('、')}`
              : '还没有群。用 /group <群名> 进入一个群。',
          );
          return true;
        }
        const group = this.session.enterGroup(command.name);
        this.say(`进入群聊“${group.name}”（chatid ${group.chatid}）。`);
        return true;
      }
      case 'single':
        this.session.enterSingle();
        this.say(`${this.session.user} 打开了与${this.botName}的单聊。`);
        await this.greet();
        return true;
      case 'webhook':
        this.showWebhook();
        return true;
      case 'wait':
        await this.waitForDelivery((command.seconds ?? DEFAULT_WAIT_SECONDS) * 1_000);
        return true;
      case 'file':
        await this.sendFile(command.path);
        return true;
      case 'message':
        await this.send(command.text);
        return true;
    }
  }

  // ---- talking to the bot ---------------------------------------------------------------------

  private sender(place: Place = this.session.place): Sender {
    return place.kind === 'group'
      ? { userid: this.session.user, chattype: 'group', chatid: place.group.chatid }
      : { userid: this.session.user, chattype: 'single' };
  }

  private async send(text: string): Promise<void> {
    const place = this.session.place;
    const sender = this.sender(place);
    const where = this.session.describe();
    const responseUrl = this.standin!.mintResponseUrl({
      chattype: place.kind === 'group' ? 'group' : 'single',
      label: where,
    });
    await this.talk(async () => {
      const first = await this.client.sendText({
        ...sender,
        text,
        mention: this.botName,
        responseUrl,
      });
      await this.showReply(first, sender, where);
    });
  }

  /**
   * A file from the current user: hosted on the stand-in encrypted with the bot's key, as WeCom
   * hosts it for five minutes, and announced with a file callback carrying its URL.
   */
  private async sendFile(file: string): Promise<void> {
    const resolved = path.resolve(file.replace(/^~(?=$|\/)/, os.homedir()));
    let bytes: Buffer;
    try {
      bytes = await readFile(resolved);
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      this.say(
        code === 'ENOENT'
          ? `找不到文件 ${file}。`
          : code === 'EISDIR'
            ? `${file} 是一个目录，请给出文件路径。`
            : `读不了文件 ${file}（${String(code ?? err)}）。`,
      );
      return;
    }
    const place = this.session.place;
    const sender = this.sender(place);
    const where = this.session.describe();
    const filename = path.basename(resolved);
    const url = this.standin!.hostFile(bytes, this.options.credentials.encodingAesKey, {
      filename,
    });
    const responseUrl = this.standin!.mintResponseUrl({
      chattype: place.kind === 'group' ? 'group' : 'single',
      label: where,
    });
    this.say(this.style.dim(`（${where} 发送了文件 ${filename}，${formatSize(bytes.length)}）`));
    await this.talk(async () => {
      const first = await this.client.sendFile({ ...sender, responseUrl }, url);
      await this.showReply(first, sender, where);
    });
  }

  /** WeCom sends enter_chat the first time a user opens the single chat (each day). */
  private async greet(): Promise<void> {
    const user = this.session.user;
    if (this.greeted.has(user)) return;
    this.greeted.add(user);
    const sender = this.sender({ kind: 'single' });
    await this.talk(async () => {
      const first = await this.client.enterChat(sender);
      if (first.status === 200 && first.reply) {
        await this.showReply(first, sender, this.session.describe());
      }
    });
  }

  private async talk(exchange: () => Promise<void>): Promise<void> {
    try {
      await exchange();
    } catch (err) {
      this.failures++;
      this.say(this.explain(err));
    }
  }

  private async showReply(first: CallbackResponse, sender: Sender, where: string): Promise<void> {
    if (first.status !== 200) {
      this.failures++;
      this.say(this.explainStatus(first));
      return;
    }
    const reply = first.reply;
    if (!reply || !('msgtype' in reply)) {
      this.say(this.style.dim(`（${this.botName}没有回复）`));
      return;
    }
    if (reply.msgtype === 'stream' || reply.msgtype === 'stream_with_template_card') {
      if (!reply.stream.finish) {
        this.say(this.style.dim(`${this.botName}：${renderMarkdown(reply.stream.content)}`));
      }
      const followed = await this.client.followStream(first, sender, {
        intervalMs: this.options.refreshIntervalMs ?? 500,
      });
      const content = followed.final?.content ?? '';
      const parts = [content.trim() ? renderMarkdown(content, this.style) : ''];
      if (followed.card) parts.push(renderCard(followed.card, this.style));
      if (!followed.finished) parts.push(this.style.dim('（回复尚未结束，模拟器停止了刷新）'));
      this.speak(`${this.botName} → ${where}`, parts.filter(Boolean).join('\n'));
      return;
    }
    this.speak(`${this.botName} → ${where}`, this.renderPassive(reply));
  }

  private renderPassive(reply: PassiveReply): string {
    if (!('msgtype' in reply)) return renderCard(reply.template_card, this.style);
    switch (reply.msgtype) {
      case 'text':
        return reply.text.content;
      case 'template_card':
        return renderCard(reply.template_card, this.style);
      default:
        return JSON.stringify(reply);
    }
  }

  private explain(err: unknown): string {
    if (err instanceof ReplyVerificationError) {
      return `${this.botName}的回复无法验证（${err.message}）。模拟器和机器人用的 Token / EncodingAESKey 是否一致？`;
    }
    if (isConnectionError(err)) {
      return `无法连接机器人 ${this.callbackUrl}。请先在另一个终端启动它：WECOM_API_BASE=${this.standin?.baseUrl ?? ''} npm start`;
    }
    return `发送失败：${err instanceof Error ? err.message : String(err)}`;
  }

  private explainStatus(res: CallbackResponse): string {
    const detail = res.error ? `${res.error.error}：${res.error.message}` : '';
    if (res.status === 401 || res.status === 403) {
      return `机器人拒绝了签名（HTTP ${res.status}）。模拟器和机器人用的 Token / EncodingAESKey 不一致：请让两边读同一个 DATA_DIR 或同样的环境变量。`;
    }
    if (res.status === 404) {
      return `机器人没有回调地址 ${this.callbackUrl}（HTTP 404）。地址或 --path 是否正确？`;
    }
    return `机器人返回 HTTP ${res.status}${detail ? `（${detail}）` : ''}。`;
  }

  private async checkBot(): Promise<void> {
    const base = this.options.botUrl.replace(/\/+$/, '');
    try {
      const res = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(2_000) });
      if (!res.ok) this.say(this.style.dim(`注意：机器人健康检查返回 HTTP ${res.status}。`));
    } catch {
      this.say(
        `注意：现在连不上机器人 ${base}。请在另一个终端按上面的命令启动它；启动后直接在这里输入即可。`,
      );
    }
  }

  // ---- what the bot sent through WeCom's API ------------------------------------------------

  private onDelivery(delivery: StandinDelivery): void {
    if (delivery.kind === 'upload') return; // shown with the file message that follows
    // Printed in arrival order, even when rendering one (saving a file) takes a moment.
    this.printing = this.printing
      .then(async () => {
        if (delivery.kind === 'response_url') {
          const msg = delivery.message;
          const body =
            msg.msgtype === 'markdown'
              ? renderMarkdown(
                  String((msg.markdown as { content?: unknown })?.content ?? ''),
                  this.style,
                )
              : renderCard((msg.template_card ?? {}) as Record<string, unknown>, this.style);
          this.speak(`${this.botName}（异步回复）→ ${delivery.label ?? '?'}`, body);
        } else {
          const group = this.session.groupByWebhookKey(delivery.key);
          const name = group?.name ?? `未知的群（key …${delivery.key.slice(-4)}）`;
          this.speak(`${this.botName}（群推送）→ ${name}`, await this.renderPush(delivery.message));
        }
        const waiters = this.waiters;
        this.waiters = [];
        for (const wake of waiters) wake();
      })
      .catch((err: unknown) => this.say(`（无法显示一条推送：${String(err)}）`));
  }

  private async renderPush(message: WebhookBody): Promise<string> {
    const payload = (message[message.msgtype] ?? {}) as Record<string, unknown>;
    switch (message.msgtype) {
      case 'text': {
        const mentions = Array.isArray(payload.mentioned_list) ? payload.mentioned_list : [];
        const tail = mentions.length
          ? `\n${this.style.dim(`（提醒：${mentions.map((m) => (m === '@all' ? '@所有人' : `@${String(m)}`)).join(' ')}）`)}`
          : '';
        return `${String(payload.content ?? '')}${tail}`;
      }
      case 'markdown':
      case 'markdown_v2':
        return renderMarkdown(String(payload.content ?? ''), this.style);
      case 'file':
        return this.describeFile(String(payload.media_id ?? ''));
      case 'template_card':
        return renderCard(payload, this.style);
      case 'news': {
        const articles = Array.isArray(payload.articles) ? payload.articles : [];
        return articles
          .map((a) => `• ${String((a as { title?: unknown }).title ?? '')}`)
          .join('\n');
      }
      default:
        return `[${message.msgtype}]`;
    }
  }

  private async describeFile(mediaId: string): Promise<string> {
    const media = this.standin?.uploads().find((m) => m.mediaId === mediaId);
    if (!media) return '[文件]';
    const line = `[文件] ${media.filename}（${formatSize(media.data.length)}）`;
    if (!this.options.filesDir) return line;
    try {
      const saved = await saveFile(this.options.filesDir, media.filename, media.data);
      return `${line}\n已保存到 ${path.relative(process.cwd(), saved) || saved}`;
    } catch {
      return `${line}\n（保存文件失败）`;
    }
  }

  private waitForDelivery(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== wake);
        this.say(this.style.dim(`（等了 ${Math.round(ms / 1000)} 秒，没有新的推送或异步回复）`));
        resolve();
      }, ms);
      const wake = () => {
        clearTimeout(timer);
        resolve();
      };
      this.waiters.push(wake);
    });
  }

  private async linger(ms: number): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, ms));
    await this.printing;
  }

  // ---- output ----------------------------------------------------------------------------------

  private banner(): void {
    const base = this.standin!.baseUrl;
    const group = this.session.place.kind === 'group' ? this.session.place.group : undefined;
    this.say(
      [
        this.style.bold('企业微信模拟器'),
        `机器人回调地址：${this.callbackUrl}`,
        `本地企业微信接口替身：${base}`,
        `要看到机器人推送到群里的消息和异步回复，请这样启动机器人：`,
        `  WECOM_API_BASE=${base} npm start`,
        ...(group
          ? [
              `当前群“${group.name}”的消息推送地址（/webhook 可再次查看）：`,
              `  ${this.webhookUrl(group.webhookKey)}`,
            ]
          : []),
        '输入 /help 查看命令，/quit 退出。',
        '',
      ].join('\n'),
    );
  }

  private showWebhook(): void {
    const place = this.session.place;
    if (place.kind !== 'group') {
      this.say('单聊没有消息推送地址。先用 /group <群名> 进入一个群。');
      return;
    }
    this.say(
      [
        `群“${place.group.name}”的消息推送（群机器人）地址：`,
        `  ${this.webhookUrl(place.group.webhookKey)}`,
        `机器人按 WECOM_API_BASE 发送，所以推送会出现在这里。`,
      ].join('\n'),
    );
  }

  /** The address as WeCom shows it in the group settings; the bot only keeps its key. */
  private webhookUrl(key: string): string {
    return `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${key}`;
  }

  private speak(header: string, body: string): void {
    const indented = body
      .split('\n')
      .map((l) => (l ? `  ${l}` : ''))
      .join('\n');
    this.say(`${this.style.bold(header)}：\n${indented}`);
  }

  private say(text: string): void {
    const out = this.options.output;
    const redraw = this.busy ? undefined : this.redraw;
    if (redraw && out.isTTY) out.write('\r\x1b[K');
    out.write(`${text}\n`);
    redraw?.();
  }
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

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} 字节`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

async function saveFile(dir: string, filename: string, data: Buffer): Promise<string> {
  await mkdir(dir, { recursive: true });
  const safe =
    Array.from(path.basename(filename), (ch) =>
      ch.charCodeAt(0) < 0x20 || '\\/:*?"<>|'.includes(ch) ? '_' : ch,
    ).join('') || 'file';
  const ext = path.extname(safe);
  const stem = safe.slice(0, safe.length - ext.length);
  for (let n = 0; ; n++) {
    const candidate = path.join(dir, n === 0 ? safe : `${stem}-${n}${ext}`);
    try {
      await writeFile(candidate, data, { flag: 'wx' });
      return candidate;
    } catch (err) {
      if ((err as { code?: unknown }).code !== 'EEXIST' || n > 1000) throw err;
    }
  }
}
