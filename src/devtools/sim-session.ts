import { createHash } from 'node:crypto';

/**
 * Who the simulator is speaking as and where: the pure part of the simulator, so its commands
 * can be tested without a bot.
 */

export type SimCommand =
  | { readonly kind: 'message'; readonly text: string }
  | { readonly kind: 'as'; readonly userid: string }
  | { readonly kind: 'group'; readonly name?: string }
  | { readonly kind: 'single' }
  | { readonly kind: 'users' }
  | { readonly kind: 'webhook' }
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'wait'; readonly seconds?: number }
  | { readonly kind: 'help' }
  | { readonly kind: 'quit' }
  | { readonly kind: 'empty' }
  | { readonly kind: 'invalid'; readonly problem: string };

/** WeCom userids: letters, digits, `_ . @ -`, up to 64 characters. */
const USERID = /^[A-Za-z0-9_.@-]{1,64}$/;

export function parseLine(line: string): SimCommand {
  const text = line.trim();
  if (text === '') return { kind: 'empty' };
  if (!text.startsWith('/')) return { kind: 'message', text };
  const [head = '', ...rest] = text.split(/\s+/);
  const arg = rest.join(' ').trim();
  switch (head.toLowerCase()) {
    case '/as':
      if (!USERID.test(arg)) {
        return {
          kind: 'invalid',
          problem: '用法：/as <userid>，例如 /as zhangsan（字母、数字、_ . @ -）',
        };
      }
      return { kind: 'as', userid: arg };
    case '/group':
      return arg ? { kind: 'group', name: arg } : { kind: 'group' };
    case '/single':
      return { kind: 'single' };
    case '/users':
      return { kind: 'users' };
    case '/webhook':
      return { kind: 'webhook' };
    case '/file': {
      const path = unquote(text.slice(head.length).trim());
      if (!path) {
        return { kind: 'invalid', problem: '用法：/file <文件路径>，例如 /file ~/去年的报告.docx' };
      }
      return { kind: 'file', path };
    }
    case '/wait': {
      if (!arg) return { kind: 'wait' };
      const seconds = Number(arg);
      if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 600) {
        return { kind: 'invalid', problem: '用法：/wait [秒数]，例如 /wait 10' };
      }
      return { kind: 'wait', seconds };
    }
    case '/help':
    case '/?':
      return { kind: 'help' };
    case '/quit':
    case '/exit':
      return { kind: 'quit' };
    default:
      return { kind: 'invalid', problem: `未知命令 ${head}，输入 /help 查看可用命令` };
  }
}

/** A path as a terminal pastes a dropped file: `'a b.docx'`, `"a b.docx"` or `a\ b.docx`. */
function unquote(path: string): string {
  const quoted = /^(['"])(.*)\1$/.exec(path);
  if (quoted) return quoted[2]!;
  return path.replace(/\\(.)/g, '$1');
}

export const HELP = [
  '模拟器命令：',
  '  /as <userid>     切换说话的人，例如 /as lisi',
  '  /group [群名]    进入（或新建）群聊，例如 /group 青石镇工作群；英文字母数字的群名即群的 chatid（如演示县的 demo-chat-1-county）；不带群名则列出已有的群',
  '  /single          与机器人单聊',
  '  /users           列出出场过的人',
  '  /webhook         显示当前群的“消息推送”地址（在群里设置推送时粘贴）',
  '  /file <路径>     以当前用户发送一个文件，例如去年的报告 .docx（导入请在单聊里发）',
  '  /wait [秒数]     等待机器人的下一条推送或异步回复（默认 10 秒）',
  '  /paste [首行]    多行合成一条消息（如 /paste 填写 一(五) 再粘贴段落），单独一行 . 发送',
  '  /help            显示本说明',
  '  /quit            退出',
  '其他任何输入都会作为当前用户的消息发给机器人；在群里会自动加上“@机器人 ”。',
].join('\n');

export interface SimGroup {
  readonly name: string;
  /** Stable per name, so a restarted simulator finds the same report bound to the group. */
  readonly chatid: string;
  /** The simulated “消息推送” key of this group (a UUID, like WeCom's). */
  readonly webhookKey: string;
}

export type Place =
  { readonly kind: 'group'; readonly group: SimGroup } | { readonly kind: 'single' };

export class SimSession {
  private readonly people: string[] = [];
  private readonly groupsByName = new Map<string, SimGroup>();
  private readonly groupsByKey = new Map<string, SimGroup>();
  private me: string;
  private where: Place;

  constructor(firstUser: string, firstGroup?: string) {
    this.me = firstUser;
    this.people.push(firstUser);
    this.where = firstGroup ? { kind: 'group', group: this.group(firstGroup) } : { kind: 'single' };
  }

  get user(): string {
    return this.me;
  }

  get place(): Place {
    return this.where;
  }

  get users(): readonly string[] {
    return this.people;
  }

  get groups(): readonly SimGroup[] {
    return [...this.groupsByName.values()];
  }

  /** Switches the speaker; true when this person had not spoken before. */
  actAs(userid: string): boolean {
    this.me = userid;
    if (this.people.includes(userid)) return false;
    this.people.push(userid);
    return true;
  }

  enterGroup(name: string): SimGroup {
    const group = this.group(name);
    this.where = { kind: 'group', group };
    return group;
  }

  enterSingle(): void {
    this.where = { kind: 'single' };
  }

  groupByWebhookKey(key: string): SimGroup | undefined {
    return this.groupsByKey.get(key);
  }

  /** `zhangsan@青石镇工作群` or `zhangsan（单聊）`. */
  describe(userid: string = this.me, place: Place = this.where): string {
    return place.kind === 'group' ? `${userid}@${place.group.name}` : `${userid}（单聊）`;
  }

  private group(name: string): SimGroup {
    let group = this.groupsByName.get(name);
    if (!group) {
      group = { name, chatid: chatidFor(name), webhookKey: webhookKeyFor(name) };
      this.groupsByName.set(name, group);
      this.groupsByKey.set(group.webhookKey, group);
    }
    return group;
  }
}

/**
 * The group's chat id. A name that is itself a chat id (ASCII letters, digits, `-`, `_`, as
 * `report-bot demo --json` prints them) is used as it is, so the simulator speaks in the demo's
 * groups; any other name gets a stable made-up id like WeCom's (`wr…`).
 */
export function chatidFor(groupName: string): string {
  if (/^[A-Za-z0-9_-]{1,64}$/.test(groupName)) return groupName;
  return `wr${createHash('sha256').update(`chat:${groupName}`).digest('hex').slice(0, 30)}`;
}

export function webhookKeyFor(groupName: string): string {
  const h = createHash('sha256').update(`webhook:${groupName}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}
