import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { CallbackClient, type CallbackResponse, type Sender } from './callback-client.js';
import { ANSI, PLAIN, renderCard, renderMarkdown, type Style } from './render.js';
import { formatSize } from './sim-files.js';
import { describeImage, renderPassive, renderPush, renderResponseMessage } from './sim-pushes.js';
import { LineReader } from './sim-paste.js';
import { HELP, SimSession, type Place } from './sim-session.js';
import {
  bannerLines,
  explainError,
  explainStatus,
  readError,
  standinStartError,
  webhookLines,
  type Where,
} from './sim-texts.js';
import { WeComStandin, type StandinDelivery } from './wecom-standin.js';

import type { SimulatorOptions } from './sim-options.js';

export type { SimulatorOptions };

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
  private readonly lines = new LineReader();

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
      this.say(standinStartError(port, err));
      return 2;
    }
    try {
      const group = this.session.place.kind === 'group' ? this.session.place.group : undefined;
      this.say(bannerLines(this.where(), this.style.bold('企业微信模拟器'), group).join('\n'));
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
    const command = this.lines.read(line);
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
      this.say(readError(file, err));
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
      this.say(explainError(err, this.where()));
    }
  }

  private async showReply(first: CallbackResponse, sender: Sender, where: string): Promise<void> {
    if (first.status !== 200) {
      this.failures++;
      this.say(explainStatus(first, this.where()));
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
      for (const item of followed.final?.msg_item ?? []) {
        parts.push(
          await describeImage(Buffer.from(item.image.base64, 'base64'), this.options.filesDir),
        );
      }
      if (!followed.finished) parts.push(this.style.dim('（回复尚未结束，模拟器停止了刷新）'));
      this.speak(`${this.botName} → ${where}`, parts.filter(Boolean).join('\n'));
      return;
    }
    this.speak(`${this.botName} → ${where}`, renderPassive(reply, this.style));
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
        const view = {
          style: this.style,
          media: (id: string) => this.standin?.uploads().find((m) => m.mediaId === id),
          ...(this.options.filesDir ? { filesDir: this.options.filesDir } : {}),
        };
        if (delivery.kind === 'response_url') {
          const body = renderResponseMessage(delivery.message, this.style);
          this.speak(`${this.botName}（异步回复）→ ${delivery.label ?? '?'}`, body);
        } else {
          const group = this.session.groupByWebhookKey(delivery.key);
          const name = group?.name ?? `未知的群（key …${delivery.key.slice(-4)}）`;
          this.speak(
            `${this.botName}（群推送）→ ${name}`,
            await renderPush(delivery.message, view),
          );
        }
        const waiters = this.waiters;
        this.waiters = [];
        for (const wake of waiters) wake();
      })
      .catch((err: unknown) => this.say(`（无法显示一条推送：${String(err)}）`));
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

  private showWebhook(): void {
    const place = this.session.place;
    if (place.kind !== 'group') {
      this.say('单聊没有消息推送地址。先用 /group <群名> 进入一个群。');
      return;
    }
    this.say(webhookLines(place.group).join('\n'));
  }

  private where(): Where {
    return {
      botName: this.botName,
      callbackUrl: this.callbackUrl,
      standinUrl: this.standin?.baseUrl ?? '',
    };
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
