import { describe, expect, it } from 'vitest';
import { reminderPlanHandler, remindNowHandler } from '../../src/bot/handlers/reminders.js';
import { loadSnapshot, SnapshotError } from '../../src/bot/handlers/snapshot.js';
import { createRepositories } from '../../src/store/repositories.js';
import { loadTemplates } from '../../src/store/template-files.js';
import { useStores } from '../support/stores.js';

const stores = useStores('report_not_found');
const words = '没有找到这份报告，请发送 **进度** 看看本群的报告。';

describe('a request whose report the store does not have', () => {
  it('gets the same answer from a draft, a check or a summary as from the reminder commands', async () => {
    const repos = await createRepositories(stores.mongo);
    const missing = await loadSnapshot(repos, loadTemplates(), 'no-such-report').catch(
      (err: unknown) => err,
    );
    expect(missing).toBeInstanceOf(SnapshotError);
    expect((missing as SnapshotError).userMessage).toBe(words);

    const plan = reminderPlanHandler({ upcoming: async () => undefined });
    expect(await plan({ reportId: 'no-such-report', at: new Date() })).toEqual([words]);
    const now = remindNowHandler({ remindNow: async () => ({ status: 'no_report' }) });
    expect(await now({ reportId: 'no-such-report', at: new Date() })).toEqual([words]);
  });
});
