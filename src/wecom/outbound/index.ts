/**
 * Outbound WeCom calls: the response_url sender and the group-webhook pusher, with their ports
 * (RateGate, BrokenTargets) and typed errors. `createWeComOutbound` wires the production set.
 */
import type { Redis } from 'ioredis';
import type { Logger } from '../../logger.js';
import { GroupPusher, type TargetBrokenHook } from './group-pusher.js';
import { WeComHttp } from './http.js';
import { RedisBrokenTargets } from './redis-broken-targets.js';
import { RedisRateGate } from './redis-rate-gate.js';
import { ResponseUrlClient } from './response-url.js';
import { WebhookClient } from './webhook-client.js';

export * from './broken-targets.js';
export * from './errcodes.js';
export * from './errors.js';
export * from './group-pusher.js';
export * from './http.js';
export * from './key-hash.js';
export * from './limits.js';
export * from './rate-gate.js';
export * from './redis-broken-targets.js';
export * from './redis-rate-gate.js';
export * from './response-url.js';
export * from './retry.js';
export * from './webhook-client.js';
export * from './webhook-messages.js';
export * from './webhook-url.js';

export interface WeComOutbound {
  readonly responseUrl: ResponseUrlClient;
  readonly webhook: WebhookClient;
  readonly pusher: GroupPusher;
}

export interface WeComOutboundDeps {
  /** Config `wecomApiBase`. */
  readonly apiBase: string;
  /** Shared by all instances: rate windows and broken targets live here. */
  readonly redis: Redis;
  readonly log?: Logger;
  readonly onTargetBroken?: TargetBrokenHook;
}

/** The production wiring: Redis-backed gate and broken-target store, real clock and sleep. */
export function createWeComOutbound(deps: WeComOutboundDeps): WeComOutbound {
  const http = new WeComHttp({ log: deps.log });
  const webhook = new WebhookClient({ apiBase: deps.apiBase, http });
  return {
    responseUrl: new ResponseUrlClient({ apiBase: deps.apiBase, http }),
    webhook,
    pusher: new GroupPusher({
      client: webhook,
      gate: new RedisRateGate(deps.redis),
      broken: new RedisBrokenTargets(deps.redis),
      onTargetBroken: deps.onTargetBroken,
      log: deps.log,
    }),
  };
}
