import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { OrgRepository } from '../../src/store/orgs.js';
import {
  devDataKeyPath,
  resolveDataKey,
  SecretBox,
  SecretUnreadableError,
} from '../../src/store/secret-box.js';
import { useStores } from '../support/stores.js';

const stores = useStores('secrets');
const WEBHOOK_KEY = '693a91f6-7a2b-4c3d-8e9f-0123456789ab';

describe('stored secrets', () => {
  it('seals a webhook key with AES-GCM: the database holds no plaintext, the repository reads it back', async () => {
    const box = new SecretBox(randomBytes(32));
    const orgs = new OrgRepository(stores.mongo, box);
    await orgs.init();
    await orgs.create({ id: 'org-sealed', name: '青石镇', kind: 'township' }, new Date());
    await orgs.setWebhookKey('org-sealed', WEBHOOK_KEY);
    const raw = await stores.mongo.collection('orgs').findOne({ _id: 'org-sealed' as never });
    expect(raw?.webhookKey).toMatch(/^enc:v1:/);
    expect(JSON.stringify(raw)).not.toContain(WEBHOOK_KEY);
    expect(await orgs.webhookKey('org-sealed')).toBe(WEBHOOK_KEY);
    expect((await orgs.get('org-sealed'))?.hasWebhook).toBe(true);

    // Under another key the value is unreadable, so it counts as no key at all.
    const other = new OrgRepository(stores.mongo, new SecretBox(randomBytes(32)));
    expect(await other.webhookKey('org-sealed')).toBeUndefined();
  });

  it('reads a plaintext key stored by an earlier version and seals it when the repository starts', async () => {
    await stores.mongo.collection('orgs').insertOne({
      _id: 'org-legacy' as never,
      name: '白沙乡',
      kind: 'township',
      webhookKey: WEBHOOK_KEY,
      createdAt: new Date(),
    });
    const orgs = new OrgRepository(stores.mongo, new SecretBox(randomBytes(32)));
    await orgs.init();
    const raw = await stores.mongo.collection('orgs').findOne({ _id: 'org-legacy' as never });
    expect(raw?.webhookKey).toMatch(/^enc:v1:/);
    expect(await orgs.webhookKey('org-legacy')).toBe(WEBHOOK_KEY);
  });

  it('refuses a tampered value', () => {
    const box = new SecretBox(randomBytes(32));
    const sealed = box.seal(WEBHOOK_KEY);
    const tampered = sealed.slice(0, -2) + (sealed.endsWith('A') ? 'BB' : 'AA');
    expect(() => box.open(tampered)).toThrow(SecretUnreadableError);
  });
});

describe('the data key', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'data-key-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('comes from DATA_KEY, or is generated once in DATA_DIR with mode 0600', () => {
    const given = randomBytes(32);
    expect(resolveDataKey({ dataDir: dir, dataKey: given.toString('hex') })).toEqual({
      key: given,
      development: false,
    });
    const first = resolveDataKey({ dataDir: dir, dataKey: undefined });
    expect(first.development).toBe(true);
    expect(statSync(devDataKeyPath(dir)).mode & 0o777).toBe(0o600);
    expect(readFileSync(devDataKeyPath(dir), 'utf8')).toBe(first.key.toString('base64'));
    expect(resolveDataKey({ dataDir: dir, dataKey: undefined }).key).toEqual(first.key);
  });
});
