import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importHandlers } from '../../src/bot/handlers/import.js';
import { lastYearReportTexts } from '../../src/bot/texts/last-year-report.js';
import { toTurn } from '../../src/bot/message-handler.js';
import type { ImportReport, ImportSource } from '../../src/chat/operations.js';
import { createLogger } from '../../src/logger.js';
import { newId } from '../../src/store/ids.js';
import { createRepositories, type Repositories } from '../../src/store/repositories.js';
import {
  decryptMedia,
  encryptMedia,
  FileDownloadError,
  mediaKey,
  WeComFileDownloader,
} from '../../src/wecom/file-download.js';
import { townshipTemplate } from '../chat/fixtures.js';
import {
  LAST_YEAR_PLANS,
  lastYearReportDocx,
  lastYearReportLines,
  lastYearReportText,
} from '../support/last-year-report.js';
import { useStores } from '../support/stores.js';

const stores = useStores('import_handler');
const AES_KEY = 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR';
const OTHER_KEY = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ';
const log = createLogger('silent');

/** Files as WeCom would serve them: encrypted with the bot's key; some links already dead. */
const served = new Map<string, { status: number; body?: Buffer; type?: string }>();
/** Every request the file server got, as host + path. */
const fetched: string[] = [];
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    fetched.push(`${req.headers.host}${req.url}`);
    const file = served.get(req.url ?? '');
    res.statusCode = file?.status ?? 404;
    if (file?.type) res.setHeader('content-type', file.type);
    res.end(file?.body ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** The local file server as the one allowed file host, for both transports. */
const here = () => ({ callback: [base], longConnection: [base] });

function serve(path: string, bytes: Buffer, key = AES_KEY): string {
  served.set(path, {
    status: 200,
    type: 'application/octet-stream',
    body: encryptMedia(mediaKey(key), bytes),
  });
  return `${base}${path}`;
}

interface Fixture {
  readonly repos: Repositories;
  readonly handler: NonNullable<ReturnType<typeof importHandlers>['importReport']>;
  readonly reportId: string;
  readonly orgId: string;
}

async function setup(): Promise<Fixture> {
  const repos = await createRepositories(stores.mongo);
  const orgId = newId();
  const reportId = newId();
  await repos.reports.create(
    {
      id: reportId,
      orgId,
      orgName: '青石镇',
      year: 2026,
      templateId: townshipTemplate.id,
      templateVersion: townshipTemplate.version,
      title: '青石镇2026年法治政府建设情况报告',
      deadline: '2027-02-26',
      adminUserid: 'admin',
      createdAt: new Date('2026-12-01T02:00:00Z'),
    },
    townshipTemplate.parts.flatMap((p) => p.sections.map((s) => s.id)),
  );
  const handlers = importHandlers({
    repos,
    files: new WeComFileDownloader({ encodingAesKey: AES_KEY, timeoutMs: 5_000, hosts: here() }),
    templates: {
      get: (id, version) =>
        id === townshipTemplate.id && version === townshipTemplate.version
          ? townshipTemplate
          : undefined,
      list: () => [townshipTemplate],
    },
    log,
  });
  if (!handlers.importReport) throw new Error('no importReport handler');
  return { repos, handler: handlers.importReport, reportId, orgId };
}

function request(f: Fixture, source: ImportSource, at: string): ImportReport {
  return {
    op: 'importReport',
    orgId: f.orgId,
    reportId: f.reportId,
    source,
    by: 'zhang',
    deliverTo: { chatType: 'single', userid: 'zhang' },
    at: new Date(at),
  };
}

describe('importing last year’s report', () => {
  it('downloads, decrypts and reads a sent .docx, and keeps its plans for the report', async () => {
    const f = await setup();
    const url = serve('/media/report.docx', await lastYearReportDocx());
    const replies = await f.handler(request(f, { kind: 'file', url }, '2027-01-06T02:00:00Z'));
    const reply = replies.join('\n');
    expect(reply).toMatch(/已读取去年的报告.*《青石镇2025年法治政府建设情况报告》/);
    expect(reply).toMatch(/识别到 5\/5 个必备部分/);
    expect(reply).not.toMatch(/没找到/);
    expect(reply).toMatch(/3 条计划/);
    expect(reply).toMatch(/1\. 完善合法性审查机制.*（填写 一（二） 时问）/);
    expect(reply).toMatch(/2\. 深化矛盾纠纷排查化解.*（填写 一（三） 时问）/);
    const stored = await f.repos.carriedPlans.forReport(f.reportId);
    expect(stored).toMatchObject({
      reportId: f.reportId,
      orgId: f.orgId,
      plans: [...LAST_YEAR_PLANS],
      year: 2025,
      source: 'file',
      importedBy: 'zhang',
    });
  });

  it("refuses a file link outside WeCom's file hosts without fetching it, and says why", async () => {
    const f = await setup();
    const before = fetched.length;
    const url = `http://localhost:${new URL(base).port}/media/x.docx`;
    const reply = await f.handler(request(f, { kind: 'file', url }, '2027-01-06T02:00:00Z'));
    expect(reply).toEqual([expect.stringMatching(/下载地址不是企业微信的，出于安全没有读取/)]);
    expect(fetched.length).toBe(before);
    expect(await f.repos.carriedPlans.forReport(f.reportId)).toBeUndefined();
  });

  it('says the link expired when the file is gone (404/410) or not encrypted for this bot', async () => {
    const f = await setup();
    served.set('/media/gone', { status: 410 });
    const foreign = serve('/media/foreign.docx', await lastYearReportDocx(), OTHER_KEY);
    for (const url of [`${base}/media/gone`, `${base}/media/never-there`, foreign]) {
      expect(await f.handler(request(f, { kind: 'file', url }, '2027-01-06T02:00:00Z'))).toEqual([
        lastYearReportTexts.linkExpired,
      ]);
    }
    expect(lastYearReportTexts.linkExpired).toBe('文件链接已过期，请重新发送。');
    expect(await f.repos.carriedPlans.forReport(f.reportId)).toBeUndefined();
  });

  it('replaces an earlier import with the newest one, and a replay changes nothing', async () => {
    const f = await setup();
    const url = serve('/media/first.docx', await lastYearReportDocx());
    await f.handler(request(f, { kind: 'file', url }, '2027-01-06T02:00:00Z'));
    const newer = ['开展法治讲座进村入户活动', '规范镇村两级执法台账'];
    const second = request(
      f,
      { kind: 'text', text: lastYearReportText(newer) },
      '2027-01-07T02:00:00Z',
    );
    const reply = (await f.handler(second)).join('\n');
    expect(reply).toMatch(/2 条计划/);
    expect(await f.repos.carriedPlans.forReport(f.reportId)).toMatchObject({
      plans: newer,
      source: 'text',
    });
    await f.handler(second);
    expect((await f.repos.carriedPlans.forReport(f.reportId))?.plans).toEqual(newer);
  });

  it('keeps earlier plans when the new text has parts but no plans, and rejects non-reports', async () => {
    const f = await setup();
    await f.handler(
      request(f, { kind: 'text', text: lastYearReportText() }, '2027-01-06T02:00:00Z'),
    );
    const noPlans = lastYearReportLines().filter((l) => !l.startsWith('四、') && !/^一是/.test(l));
    const reply = (
      await f.handler(
        request(f, { kind: 'text', text: noPlans.join('\n') }, '2027-01-07T02:00:00Z'),
      )
    ).join('\n');
    expect(reply).toMatch(/没找到：下一年度主要安排/);
    expect(reply).toMatch(/之前导入的计划（如有）保持不变/);
    expect((await f.repos.carriedPlans.forReport(f.reportId))?.plans).toEqual([...LAST_YEAR_PLANS]);
    const chat = await f.handler(
      request(f, { kind: 'text', text: '你好，这里没有报告' }, '2027-01-08T02:00:00Z'),
    );
    expect(chat.join('\n')).toMatch(/没有认出这是一份法治政府建设情况报告/);
  });
});

describe('WeCom file download', () => {
  it('decrypts what was padded to 32-byte blocks, and refuses a bad padding', () => {
    const key = mediaKey(AES_KEY);
    for (const size of [0, 1, 31, 32, 33, 1000]) {
      const plain = Buffer.alloc(size, 7);
      const encrypted = encryptMedia(key, plain);
      expect(encrypted.length % 32).toBe(0);
      expect(decryptMedia(key, encrypted).equals(plain)).toBe(true);
    }
    expect(() => decryptMedia(key, encryptMedia(mediaKey(OTHER_KEY), Buffer.from('x')))).toThrow(
      FileDownloadError,
    );
  });

  it('refuses files over the size limit and error pages in place of a file', async () => {
    const url = serve('/media/big', Buffer.alloc(4096, 1));
    const small = new WeComFileDownloader({
      encodingAesKey: AES_KEY,
      maxBytes: 1024,
      hosts: here(),
    });
    await expect(small.download(url)).rejects.toMatchObject({ failure: 'too_large' });
    served.set('/media/json', {
      status: 200,
      type: 'application/json',
      body: Buffer.from('{"errcode":40001}'),
    });
    const downloader = new WeComFileDownloader({ encodingAesKey: AES_KEY, hosts: here() });
    await expect(downloader.download(`${base}/media/json`)).rejects.toMatchObject({
      failure: 'expired',
    });
  });
});

describe('a file message', () => {
  it('becomes a turn carrying the file and no words', () => {
    const now = new Date('2027-01-06T02:00:00Z');
    const turn = toTurn(
      {
        type: 'file',
        msgid: 'm1',
        aibotid: 'bot',
        chattype: 'single',
        from: { userid: 'zhang' },
        url: 'https://files.example/x',
      },
      now,
    );
    expect(turn).toEqual({
      userid: 'zhang',
      chatType: 'single',
      text: '',
      file: { url: 'https://files.example/x' },
      now,
    });
  });
});
