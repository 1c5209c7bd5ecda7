import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FileDownloadError,
  WeComFileDownloader,
  withFileKey,
} from '../../src/wecom/file-download.js';
import { allowedUrl, hostOf, wecomUrlHosts } from '../../src/wecom/url-hosts.js';

const AES_KEY = 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR';
const MEDIA = 'ww-aibot-img-1258476243.cos.ap-guangzhou.myqcloud.com';

describe('allowedUrl', () => {
  it('takes a host name as https on its default port only', () => {
    const hosts = [MEDIA];
    expect(allowedUrl(`https://${MEDIA}/BHoPdA3/757?sign=x`, hosts)).toBe(true);
    expect(allowedUrl(`https://${MEDIA.toUpperCase()}/a`, hosts)).toBe(true);
    expect(allowedUrl(`http://${MEDIA}/a`, hosts)).toBe(false);
    expect(allowedUrl(`https://${MEDIA}:8443/a`, hosts)).toBe(false);
    expect(allowedUrl(`https://${MEDIA}.evil.example/a`, hosts)).toBe(false);
    expect(allowedUrl(`https://evil.example/${MEDIA}`, hosts)).toBe(false);
    expect(allowedUrl(`https://x@${MEDIA}/a`, hosts)).toBe(false);
    expect(allowedUrl('not a url', hosts)).toBe(false);
  });

  it('takes an origin as exactly that scheme, host and port', () => {
    const hosts = ['http://127.0.0.1:8080'];
    expect(allowedUrl('http://127.0.0.1:8080/cgi-bin/x?key=1', hosts)).toBe(true);
    expect(allowedUrl('http://127.0.0.1:8081/cgi-bin/x', hosts)).toBe(false);
    expect(allowedUrl('https://127.0.0.1:8080/cgi-bin/x', hosts)).toBe(false);
    expect(allowedUrl('http://localhost:8080/cgi-bin/x', hosts)).toBe(false);
  });

  it('always lets the API base through, with each transport its own file hosts', () => {
    const hosts = wecomUrlHosts('https://qyapi.weixin.qq.com', {
      callback: [MEDIA],
      longConnection: ['media.example.com'],
    });
    expect(hosts.api).toEqual(['https://qyapi.weixin.qq.com']);
    expect(hosts.files.callback).toEqual(['https://qyapi.weixin.qq.com', MEDIA]);
    expect(hosts.files.longConnection).toEqual([
      'https://qyapi.weixin.qq.com',
      'media.example.com',
    ]);
  });

  it('logs a host, never a path or query', () => {
    expect(hostOf(`https://${MEDIA}/BHoPdA3/757?sign=secret`)).toBe(MEDIA);
    expect(hostOf('::')).toBe('(not a URL)');
  });
});

describe('file links by transport', () => {
  let server: http.Server;
  let port: number;
  const requests: string[] = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      requests.push(`${req.headers.host}${req.url}`);
      if (req.url === '/hop') {
        // A redirect away from the allowed origin (same server, other host name).
        res.writeHead(302, { location: `http://localhost:${port}/elsewhere` });
        res.end();
        return;
      }
      res.writeHead(404);
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const downloader = () =>
    new WeComFileDownloader({
      encodingAesKey: AES_KEY,
      timeoutMs: 5_000,
      hosts: { callback: [`http://127.0.0.1:${port}`], longConnection: [MEDIA] },
    });

  it('fetches a callback link on its hosts, and refuses one elsewhere unfetched', async () => {
    requests.length = 0;
    await expect(downloader().download(`http://127.0.0.1:${port}/gone`)).rejects.toMatchObject({
      failure: 'expired',
    });
    expect(requests).toEqual([`127.0.0.1:${port}/gone`]);
    await expect(downloader().download(`http://localhost:${port}/x`)).rejects.toMatchObject({
      failure: 'foreign_host',
      detail: `localhost:${port}`,
    } satisfies Partial<FileDownloadError>);
    expect(requests).toHaveLength(1);
  });

  it("judges a long-connection link (it carries its own key) by that transport's hosts", async () => {
    requests.length = 0;
    const key = Buffer.alloc(32, 7).toString('base64');
    const viaSocket = withFileKey(`http://127.0.0.1:${port}/gone`, key);
    await expect(downloader().download(viaSocket)).rejects.toMatchObject({
      failure: 'foreign_host',
    });
    expect(requests).toEqual([]);
  });

  it('does not follow a redirect off the allowed hosts', async () => {
    requests.length = 0;
    await expect(downloader().download(`http://127.0.0.1:${port}/hop`)).rejects.toMatchObject({
      failure: 'foreign_host',
      detail: `localhost:${port}`,
    });
    expect(requests).toEqual([`127.0.0.1:${port}/hop`]);
  });
});
