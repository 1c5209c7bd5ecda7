import type { Redis } from 'ioredis';
import type { Repositories } from '../store/repositories.js';

/** Notices kept for a week: an admin who is away still sees them when back. */
const NOTICE_TTL_SECONDS = 7 * 24 * 3600;
const MAX_NOTICES = 10;

/**
 * Things the bot must tell a particular person but cannot push to them (the AI bot can only
 * answer): kept in Redis and shown with the bot's next answer to that person.
 */
export class Notices {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'notice:',
  ) {}

  async add(userid: string, text: string): Promise<void> {
    const key = this.prefix + userid;
    await this.redis
      .multi()
      .rpush(key, text)
      .ltrim(key, -MAX_NOTICES, -1)
      .expire(key, NOTICE_TTL_SECONDS)
      .exec();
  }

  /** The user's notices, removed as they are read (each is shown once). */
  async take(userid: string): Promise<string[]> {
    // LPOP with a count takes and removes them in one command (Redis ≥ 6.2).
    return (await this.redis.lpop(this.prefix + userid, MAX_NOTICES)) ?? [];
  }
}

/**
 * The group push webhook of an org stopped working for good (WeCom 93000/93004: the robot was
 * removed or the key is wrong): tell the org's admins, who alone can set a new one.
 */
export async function noticeBrokenWebhook(
  repos: Pick<Repositories, 'orgs' | 'members'>,
  notices: Notices,
  orgId: string,
  errcode: number,
): Promise<void> {
  const org = await repos.orgs.get(orgId);
  if (!org) return;
  const admins = (await repos.members.ofOrg(orgId)).filter((m) => m.roles.includes('admin'));
  const text = `⚠️ ${org.name}群的推送机器人已失效（企业微信错误码 ${errcode}），提醒和草稿文件暂时发不到群里。请在群里添加群机器人后发送 **设置推送 <新地址>**。`;
  await Promise.all(admins.map((a) => notices.add(a.userid, text)));
}
