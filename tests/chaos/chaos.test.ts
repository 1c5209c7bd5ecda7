import { describe, expect, it } from 'vitest';
import { runChaos } from '../../src/devtools/chaos/run.js';

/**
 * The fault harness, small: the real bot process on its embedded stores, two officials typing,
 * and a handful of SIGKILLs among the bot, redis-server and FerretDB. `npm run chaos` runs the
 * same with 60 kills (docs/reliability.md).
 */
describe('the bot under kills', () => {
  it('loses no acknowledged answer, stores none twice, answers no 5xx and leaves no message unanswered', async () => {
    const result = await runChaos({ kills: 5, maxMinutes: 3, officials: 2 });
    expect(result.kills.bot + result.kills['redis-server'] + result.kills.ferretdb).toBe(5);
    expect(result.acknowledged).toBeGreaterThan(0);
    // Every message got its final reply within 90 s (unansweredDetails says which did not, and why).
    expect(result).toMatchObject({
      lost: 0,
      doubled: 0,
      serverErrors: 0,
      unanswered: 0,
      unansweredDetails: [],
    });
  }, 300_000);
});
