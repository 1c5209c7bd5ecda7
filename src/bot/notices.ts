import type { Redis } from 'ioredis';
import { redisScript } from '../redis-script.js';
import type { Repositories } from '../store/repositories.js';
import { brokenWebhookTexts } from './texts/broken-webhook.js';

/** Notices kept for a week: an admin who is away still sees them when back. */
const NOTICE_TTL_SECONDS = 7 * 24 * 3600;
const MAX_NOTICES = 10;
/** How long a message remembers the notices it took: well past WeCom's re-sends (15 min). */
const TAKEN_TTL_SECONDS = 24 * 3600;

// KEYS[1] the user's notices, KEYS[2] what this message took; ARGV max, ttl s. The first run of
// a message takes the notices and remembers them; a re-run of the same message (taken over after
// a crash, retried through a store outage) gets the same ones back instead of none.
const TAKE = `
if redis.call('EXISTS', KEYS[2]) == 1 then return redis.call('LRANGE', KEYS[2], 0, -1) end
local taken = redis.call('LPOP', KEYS[1], ARGV[1])
if not taken then taken = {} end
if #taken > 0 then redis.call('RPUSH', KEYS[2], unpack(taken)) end
redis.call('RPUSH', KEYS[2], '')
redis.call('EXPIRE', KEYS[2], ARGV[2])
return taken`;

/**
 * Things the bot must tell a particular person but cannot push to them (the AI bot can only
 * answer): kept in Redis and shown with the bot's next answer to that person.
 */
export class Notices {
  readonly #redis: Redis;
  readonly #prefix: string;

  constructor(redis: Redis, prefix = 'notice:') {
    this.#redis = redis;
    this.#prefix = prefix;
  }

  async add(userid: string, text: string): Promise<void> {
    const key = this.#prefix + userid;
    await this.#redis
      .multi()
      .rpush(key, text)
      .ltrim(key, -MAX_NOTICES, -1)
      .expire(key, NOTICE_TTL_SECONDS)
      .exec();
  }

  /**
   * The user's notices for the answer to message `msgid`, removed as they are read (each is
   * shown once), idempotent by `msgid`: the same message run again gets the same notices.
   */
  async take(userid: string, msgid: string): Promise<string[]> {
    const taken = (await redisScript(this.#redis, 'noticesTake', 2, TAKE)(
      this.#prefix + userid,
      `${this.#prefix}taken:${msgid}`,
      MAX_NOTICES,
      TAKEN_TTL_SECONDS,
    )) as string[];
    // The empty marker at the end says "taken, nothing (more)"; it is no notice.
    return taken.filter((t) => t !== '');
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
  const text = brokenWebhookTexts.toAdmins(org.name, errcode);
  await Promise.all(admins.map((a) => notices.add(a.userid, text)));
}
