import { Schema } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { useStores } from '../support/stores.js';

const stores = useStores('mongo-model');

interface Probe {
  orgId: string;
  userid: string;
  note: string;
}

describe('a mongoose model with a unique index on the real store', () => {
  it('round-trips a document and refuses a duplicate key', async () => {
    const schema = new Schema<Probe>({
      orgId: { type: String, required: true },
      userid: { type: String, required: true },
      note: String,
    });
    schema.index({ orgId: 1, userid: 1 }, { unique: true });
    const Model = stores.mongo.model<Probe>('Probe', schema);
    await Model.init();

    await Model.create({ orgId: 'o1', userid: 'zhangsan', note: '第一条' });
    const found = await Model.findOne({ orgId: 'o1', userid: 'zhangsan' }).lean();
    expect(found?.note).toBe('第一条');

    await expect(
      Model.create({ orgId: 'o1', userid: 'zhangsan', note: '重复' }),
    ).rejects.toMatchObject({
      code: 11000,
    });
    // Same user in another org is a different key.
    await Model.create({ orgId: 'o2', userid: 'zhangsan', note: '另一个单位' });
    expect(await Model.countDocuments()).toBe(2);
  });
});
