import { beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/store/ids.js';
import { DraftRepository, DraftTooLargeError, MAX_DOCX_BYTES } from '../../src/store/drafts.js';
import { useStores } from '../support/stores.js';

const stores = useStores('drafts-store');
let drafts: DraftRepository;

beforeAll(async () => {
  drafts = new DraftRepository(stores.mongo);
  await drafts.init();
});

const draft = (reportId: string, n: number) => ({
  reportId,
  title: '中共青石镇委员会 青石镇人民政府关于2026年度法治政府建设情况的报告',
  markdown: `# 草稿 ${n}`,
  // Bytes that are not valid UTF-8, to prove they come back untouched.
  docx: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0xff, 0xfe, 0x00, n]),
  createdAt: new Date(Date.UTC(2027, 0, 9, 2, n)),
  createdBy: 'admin01',
});

describe('drafts on the real store', () => {
  it('numbers a report’s drafts 1, 2, 3 and gives them back byte for byte', async () => {
    const reportId = newId();
    const saved = [];
    for (const n of [1, 2, 3]) saved.push(await drafts.saveDraft(draft(reportId, n)));
    expect(saved.map((d) => d.version)).toEqual([1, 2, 3]);

    const second = await drafts.getDraft(reportId, 2);
    expect(second?.markdown).toBe('# 草稿 2');
    expect(Buffer.isBuffer(second?.docx)).toBe(true);
    expect(second?.docx.equals(draft(reportId, 2).docx)).toBe(true);
    expect(second?.createdAt.toISOString()).toBe('2027-01-09T02:02:00.000Z');

    const list = await drafts.listDrafts(reportId);
    expect(list.map((d) => d.version)).toEqual([3, 2, 1]);
    expect(list[0]).toEqual({
      reportId,
      version: 3,
      title: draft(reportId, 3).title,
      docxBytes: 8,
      createdAt: new Date(Date.UTC(2027, 0, 9, 2, 3)),
      createdBy: 'admin01',
    });
  });

  it('keeps each report’s numbering apart and finds nothing that was not saved', async () => {
    const a = newId();
    const b = newId();
    await drafts.saveDraft(draft(a, 1));
    expect((await drafts.saveDraft(draft(b, 1))).version).toBe(1);
    expect(await drafts.getDraft(a, 2)).toBeUndefined();
    expect(await drafts.getDraft(a, 0)).toBeUndefined();
    expect(await drafts.getDraft(newId(), 1)).toBeUndefined();
    expect(await drafts.listDrafts(newId())).toEqual([]);
  });

  it('stores a turn’s draft once: the same turn key again gets the version already stored', async () => {
    const reportId = newId();
    const first = await drafts.saveDraft({ ...draft(reportId, 1), turnKey: 'msg-draft-1' });
    // The same turn re-run after its owner died (a takeover) asks again.
    const again = await drafts.saveDraft({ ...draft(reportId, 2), turnKey: 'msg-draft-1' });
    expect(again.version).toBe(first.version);
    expect((await drafts.getDraft(reportId, 1))?.markdown).toBe('# 草稿 1');
    // Another turn gets the next version.
    expect(
      (await drafts.saveDraft({ ...draft(reportId, 3), turnKey: 'msg-draft-2' })).version,
    ).toBe(2);
    expect((await drafts.listDrafts(reportId)).map((d) => d.version)).toEqual([2, 1]);
  });

  it('gives drafts saved at the same moment distinct, consecutive versions', async () => {
    const reportId = newId();
    const saved = await Promise.all(
      Array.from({ length: 8 }, (_, i) => drafts.saveDraft(draft(reportId, i))),
    );
    expect(saved.map((d) => d.version).sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const stored = await drafts.listDrafts(reportId);
    expect(stored).toHaveLength(8);
    // Each stored version holds the body that was saved under it.
    for (const d of saved) {
      expect((await drafts.getDraft(reportId, d.version))?.markdown).toBe(d.markdown);
    }
  });

  it('refuses a .docx too large for one document', async () => {
    const big = { ...draft(newId(), 1), docx: Buffer.alloc(MAX_DOCX_BYTES + 1) };
    await expect(drafts.saveDraft(big)).rejects.toBeInstanceOf(DraftTooLargeError);
  });
});
