import { describe, expect, it } from 'vitest';
import {
  decryptMedia,
  FileDownloadError,
  mediaKey,
  WeComFileDownloader,
} from '../../src/wecom/file-download.js';
import { useWeComStandin, VirtualClock } from '../support/wecom-standin.js';

/**
 * The stand-in is what every outbound test trusts, so its own answers are checked here with raw
 * requests, independent of our clients.
 */
const clock = new VirtualClock();
const standin = useWeComStandin({ now: clock.now });

async function post(path: string, body: unknown): Promise<{ errcode: number; errmsg: string }> {
  const res = await fetch(`${standin.current.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as { errcode: number; errmsg: string };
}

async function upload(key: string, field: string, bytes: Uint8Array, type = 'file') {
  const form = new FormData();
  form.append(field, new Blob([bytes]), 'report.docx');
  const res = await fetch(
    `${standin.current.baseUrl}/cgi-bin/webhook/upload_media?key=${key}&type=${type}`,
    { method: 'POST', body: form },
  );
  return (await res.json()) as {
    errcode: number;
    errmsg: string;
    media_id?: string;
    type?: string;
  };
}

const send = (key: string, body: unknown) => post(`/cgi-bin/webhook/send?key=${key}`, body);

describe('stand-in webhook/send', () => {
  it.each([
    ['an unknown msgtype', { msgtype: 'video', video: {} }, 40008],
    ['a missing payload', { msgtype: 'text' }, 40058],
    ['empty content', { msgtype: 'text', text: { content: '' } }, 44004],
    ['text over 2,048 bytes', { msgtype: 'text', text: { content: '字'.repeat(683) } }, 45002],
    [
      'markdown over 4,096 bytes',
      { msgtype: 'markdown', markdown: { content: 'm'.repeat(4097) } },
      40058,
    ],
    [
      'markdown_v2 over 4,096 bytes',
      { msgtype: 'markdown_v2', markdown_v2: { content: 'm'.repeat(4097) } },
      40058,
    ],
    [
      'a mentioned_list that is a string',
      { msgtype: 'text', text: { content: 'hi', mentioned_list: 'a' } },
      40058,
    ],
    ['a file with an unknown media_id', { msgtype: 'file', file: { media_id: 'nope' } }, 40007],
    ['a body that is not JSON', '{not json', 40058],
  ])('answers %s with its errcode', async (_label, body, errcode) => {
    const key = standin.current.registerKey();
    expect((await send(key, body)).errcode).toBe(errcode);
    expect(standin.current.webhookMessages(key)).toEqual([]);
    expect(standin.current.requestsTo('webhook/send', key)[0]?.errcode).toBe(errcode);
  });

  it('accepts text of exactly 2,048 bytes and markdown of exactly 4,096', async () => {
    const key = standin.current.registerKey();
    expect(
      (await send(key, { msgtype: 'text', text: { content: 'a'.repeat(2048) } })).errcode,
    ).toBe(0);
    expect(
      (await send(key, { msgtype: 'markdown', markdown: { content: 'a'.repeat(4096) } })).errcode,
    ).toBe(0);
  });

  it('answers 93000 for an unknown or removed key and 93004 for a disabled one', async () => {
    expect((await send('unknown-key-1', { msgtype: 'text', text: { content: 'x' } })).errcode).toBe(
      93000,
    );
    const removed = standin.current.registerKey();
    standin.current.removeKey(removed);
    expect((await send(removed, { msgtype: 'text', text: { content: 'x' } })).errcode).toBe(93000);
    const disabled = standin.current.registerKey();
    standin.current.disableKey(disabled);
    expect((await send(disabled, { msgtype: 'text', text: { content: 'x' } })).errcode).toBe(93004);
  });

  it('answers the 21st message within a minute with 45009, and accepts it a minute later', async () => {
    const key = standin.current.registerKey();
    for (let i = 0; i < 20; i++) {
      expect((await send(key, { msgtype: 'text', text: { content: `${i}` } })).errcode).toBe(0);
      clock.advance(1_000);
    }
    expect((await send(key, { msgtype: 'text', text: { content: '21' } })).errcode).toBe(45009);
    clock.advance(40_001);
    expect((await send(key, { msgtype: 'text', text: { content: '21' } })).errcode).toBe(0);
  });
});

describe('stand-in webhook/upload_media', () => {
  it('returns a media_id for field "media" that only the same key can send', async () => {
    const key = standin.current.registerKey();
    const other = standin.current.registerKey();
    const answer = await upload(key, 'media', new Uint8Array(6));
    expect(answer).toMatchObject({ errcode: 0, errmsg: 'ok', type: 'file' });
    const file = { msgtype: 'file', file: { media_id: answer.media_id } };
    expect((await send(other, file)).errcode).toBe(40007);
    expect((await send(key, file)).errcode).toBe(0);
  });

  it('expires media after three days', async () => {
    const key = standin.current.registerKey();
    const answer = await upload(key, 'media', new Uint8Array(10));
    clock.advance(3 * 24 * 3_600_000);
    expect(
      (await send(key, { msgtype: 'file', file: { media_id: answer.media_id } })).errcode,
    ).toBe(40007);
  });

  it.each([
    ['a file of 5 bytes', 'media', 5, 'file', 40006],
    ['a file over 20 MB', 'media', 20 * 1024 * 1024 + 1, 'file', 40006],
    ['a part not named "media"', 'upload', 10, 'file', 44001],
    ['an unknown type', 'media', 10, 'image', 40005],
  ])('refuses %s', async (_label, field, size, type, errcode) => {
    const key = standin.current.registerKey();
    expect((await upload(key, field, new Uint8Array(size), type)).errcode).toBe(errcode);
    expect(standin.current.uploads(key)).toEqual([]);
  });
});

describe('stand-in hostFile', () => {
  const AES_KEY = 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR';
  const bytes = new TextEncoder().encode('青石镇2025年法治政府建设情况报告'.repeat(3));

  it('serves the file encrypted with the bot key, whole 32-byte blocks that decrypt back', async () => {
    const url = standin.current.hostFile(bytes, AES_KEY);
    expect(url.startsWith(`${standin.current.baseUrl}/`)).toBe(true);
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    const encrypted = Buffer.from(await res.arrayBuffer());
    expect(encrypted.length % 32).toBe(0);
    expect(encrypted.includes(Buffer.from(bytes.subarray(0, 16)))).toBe(false);
    expect(decryptMedia(mediaKey(AES_KEY), encrypted)).toEqual(Buffer.from(bytes));
    expect(standin.current.requestsTo('file').at(-1)).toMatchObject({
      body: { path: new URL(url).pathname, size: encrypted.length },
      errcode: 0,
    });
  });

  it('is what the bot’s downloader reads, file name included', async () => {
    const url = standin.current.hostFile(bytes, AES_KEY, { filename: '去年的报告.docx' });
    const downloader = new WeComFileDownloader({
      encodingAesKey: AES_KEY,
      timeoutMs: 5_000,
      hosts: { callback: [standin.current.baseUrl], longConnection: [] },
    });
    const file = await downloader.download(url);
    expect(file.bytes).toEqual(Buffer.from(bytes));
    expect(file.name).toBe('去年的报告.docx');
  });

  it('answers 404 once the link has expired: five minutes by default, or the ttl given', async () => {
    const url = standin.current.hostFile(bytes, AES_KEY);
    const short = standin.current.hostFile(bytes, AES_KEY, { ttlMs: 1_000 });
    clock.advance(1_000);
    expect((await fetch(short)).status).toBe(404);
    clock.advance(5 * 60_000 - 1_001);
    expect((await fetch(url)).status).toBe(200);
    clock.advance(1);
    expect((await fetch(url)).status).toBe(404);
    expect(standin.current.requestsTo('file').at(-1)?.errcode).toBe(404);
    const downloader = new WeComFileDownloader({
      encodingAesKey: AES_KEY,
      timeoutMs: 5_000,
      hosts: { callback: [standin.current.baseUrl], longConnection: [] },
    });
    await expect(downloader.download(url)).rejects.toMatchObject({
      failure: 'expired',
      detail: '404',
    } satisfies Partial<FileDownloadError>);
    expect((await fetch(`${standin.current.baseUrl}/aibot/file/never-hosted-here`)).status).toBe(
      404,
    );
  });
});
