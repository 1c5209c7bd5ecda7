import { createHash } from 'node:crypto';

/**
 * A stable, non-reversible name for a secret (webhook key, response_url), for Redis keys, maps
 * and logs. Webhook keys are random UUIDs, so a plain SHA-256 cannot be brute-forced back.
 */
export function secretHash(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex').slice(0, 32);
}
