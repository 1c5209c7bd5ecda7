import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.js';
import { draftLink, DraftLinkSigner, draftLinkSecret } from '../../src/bot/draft-links.js';
import { createDraftsRouter, DOCX_CONTENT_TYPE } from '../../src/http/drafts-route.js';
import { createLogger } from '../../src/logger.js';
import { composeDraft } from '../../src/report/compose/index.js';
import { toDocx } from '../../src/report/export/docx.js';
import { draftMarkdown } from '../../src/report/export/markdown.js';
import { DraftRepository, type StoredDraft } from '../../src/store/drafts.js';
import { newId } from '../../src/store/ids.js';
import { testConfig } from '../support/config.js';
import { useStores } from '../support/stores.js';
import { members, report, template, yearOfAnswers } from './fixtures.js';

const stores = useStores('drafts-route');
const config = testConfig();
const secret = draftLinkSecret(config.wecomBotEncodingAesKey as string);
const signer = new DraftLinkSigner(secret);

/** Every log line the route writes, to prove no token or key is among them. */
const logLines: string[] = [];
const log = createLogger(
  'info',
  new Writable({
    write(chunk, _enc, done) {
      logLines.push(String(chunk));
      done();
    },
  }),
);

let clock = new Date('2027-01-09T02:00:00Z');
let base = '';
let server: Server;
let saved: StoredDraft;

beforeAll(async () => {
  const drafts = new DraftRepository(stores.mongo);
  await drafts.init();
  const reportId = newId();
  const full = composeDraft({
    template,
    report: { ...report, id: reportId },
    answers: yearOfAnswers().map((a) => ({ ...a, reportId })),
    org: { name: '青石镇', countyName: '清河县' },
    members,
    issuedOn: '2027-01-09',
  });
  saved = await drafts.saveDraft({
    reportId,
    title: full.title,
    markdown: draftMarkdown(full),
    docx: await toDocx(full),
    createdAt: clock,
    createdBy: 'admin01',
  });
  const app = createApp({
    config,
    log: createLogger('silent'),
    mongo: stores.mongo,
    redis: stores.redis,
    routers: [createDraftsRouter({ drafts, signer, log, now: () => clock })],
  });
  server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

const link = (version = saved.version, ttl = 3600) =>
  draftLink(base, saved.reportId, version, ttl, signer, clock);

describe('GET /drafts/<token>.docx over HTTP', () => {
  it('serves the stored .docx with its type and a Chinese file name', async () => {
    const res = await fetch(link());
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(DOCX_CONTENT_TYPE);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const disposition = res.headers.get('content-disposition') ?? '';
    expect(disposition).toMatch(/^attachment; filename="draft-v1\.docx"; filename\*=UTF-8''/);
    const encoded = /filename\*=UTF-8''(.+)$/.exec(disposition)?.[1] ?? '';
    expect(encoded).toMatch(/^[A-Za-z0-9%._~!$&+-]+$/);
    expect(decodeURIComponent(encoded)).toBe(`${saved.title}（草稿第1版）.docx`);

    const body = Buffer.from(await res.arrayBuffer());
    expect(body.equals(saved.docx)).toBe(true);
    const doc = await (await JSZip.loadAsync(body)).file('word/document.xml')?.async('string');
    expect(doc).toContain('调解成功率94.4%');
  });

  it('answers 410 with a Chinese explanation once the link has expired', async () => {
    const url = link(saved.version, 60);
    clock = new Date(clock.getTime() + 61_000);
    try {
      const res = await fetch(url);
      expect(res.status).toBe(410);
      expect(res.headers.get('content-type')).toContain('application/json');
      expect(await res.json()).toEqual({
        error: 'link_expired',
        message: '下载链接已过期，请在群里 @助手 发送“生成草稿”获取新的链接。',
      });
    } finally {
      clock = new Date(clock.getTime() - 61_000);
    }
  });

  it('answers 404 to forged, altered, foreign and malformed links alike', async () => {
    const good = link();
    const token = /\/drafts\/(.+)\.docx$/.exec(good)?.[1] ?? '';
    const [payload, mac] = token.split('.') as [string, string];
    const otherVersion = Buffer.from(
      JSON.stringify([
        saved.reportId,
        saved.version + 1,
        Math.floor(clock.getTime() / 1000) + 3600,
      ]),
    ).toString('base64url');
    const foreign = new DraftLinkSigner(draftLinkSecret('x'.repeat(43)));
    const urls = [
      `${base}/drafts/${payload}.${mac.slice(0, -2)}AA.docx`, // signature altered
      `${base}/drafts/${otherVersion}.${mac}.docx`, // payload altered, old signature
      draftLink(base, saved.reportId, saved.version, 3600, foreign, clock), // another key
      `${base}/drafts/${token}.pdf`,
      `${base}/drafts/${payload}.docx`,
      `${base}/drafts/%E4%B8%AD.docx`,
    ];
    for (const url of urls) {
      const res = await fetch(url);
      expect(res.status, url).toBe(404);
      expect(await res.json()).toEqual({
        error: 'not_found',
        message: '链接无效或草稿不存在，请在群里 @助手 发送“生成草稿”重新获取。',
      });
    }
  });

  it('answers 404 to a genuine link to a draft that was never stored', async () => {
    const res = await fetch(draftLink(base, saved.reportId, 99, 3600, signer, clock));
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: string }).error).toBe('not_found');
  });

  it('never writes a token or the key into the log', async () => {
    const url = link();
    await fetch(url);
    const token = /\/drafts\/(.+)\.docx$/.exec(url)?.[1] ?? '';
    const logged = logLines.join('');
    expect(logged).toContain('draft downloaded');
    expect(logged).toContain('draft link refused');
    expect(logged).not.toContain(token.split('.')[1]);
    expect(logged).not.toContain(token.split('.')[0]);
    expect(logged).not.toContain(secret.toString('base64'));
    expect(logged).not.toContain(secret.toString('hex'));
    expect(logged).not.toContain(config.wecomBotEncodingAesKey as string);
  });
});

describe('draft link keys and tokens', () => {
  it('derives a 32-byte key from the AES key that is neither the AES key nor shared by others', () => {
    const aes = config.wecomBotEncodingAesKey as string;
    expect(draftLinkSecret(aes)).toHaveLength(32);
    expect(draftLinkSecret(aes).equals(draftLinkSecret(aes))).toBe(true);
    expect(draftLinkSecret(aes).equals(draftLinkSecret(`${aes.slice(0, -1)}x`))).toBe(false);
    expect(draftLinkSecret(aes).toString('utf8')).not.toContain(aes);
    expect(() => new DraftLinkSigner('short')).toThrow(RangeError);
  });

  it('reads back what it signed, and tells expiry from forgery', () => {
    const now = new Date('2027-01-09T00:00:00Z');
    const token = signer.sign({ reportId: 'r1', version: 3 }, new Date(now.getTime() + 1000));
    expect(signer.check(token, now)).toEqual({
      ok: true,
      ref: { reportId: 'r1', version: 3 },
      expiresAt: new Date(now.getTime() + 1000),
    });
    expect(signer.check(token, new Date(now.getTime() + 1000))).toEqual({
      ok: false,
      reason: 'expired',
      ref: { reportId: 'r1', version: 3 },
    });
    expect(signer.check(`x${token}`, now)).toMatchObject({ ok: false, reason: 'bad_signature' });
    expect(signer.check('not a token', now)).toMatchObject({ ok: false, reason: 'malformed' });
  });
});
