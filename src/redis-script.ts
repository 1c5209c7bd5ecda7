import type { Redis } from 'ioredis';

/** A Lua script bound to a connection: call it with its keys first, then its arguments. */
export type RedisScript = (...keysThenArgs: (string | number)[]) => Promise<unknown>;

/**
 * The one way we run Lua on Redis: ioredis' `defineCommand` sends EVALSHA and falls back to EVAL
 * when the server lost its script cache (a restarted redis-server), so a script is shipped once per
 * connection rather than with every call. `name` must be unique per script text.
 */
export function redisScript(
  redis: Redis,
  name: string,
  numberOfKeys: number,
  lua: string,
): RedisScript {
  const commands = redis as unknown as Record<string, RedisScript | undefined>;
  if (!commands[name]) redis.defineCommand(name, { numberOfKeys, lua });
  return (...args) => commands[name]!(...args);
}
