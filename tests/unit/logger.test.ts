import { Writable } from 'node:stream';
import Router from '@koa/router';
import { describe, expect, it } from 'vitest';
import { errorBoundary } from '../../src/http/errors.js';
import { addLogSecret, createLogger, describeError } from '../../src/logger.js';
import Koa from 'koa';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return { lines, log: createLogger('info', stream) };
}

describe('log lines', () => {
  it('carry an error with its stack and cause, so a failed turn can be located', () => {
    const { lines, log } = capture();
    const inner = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    log.error({ err: new Error('turn failed to save', { cause: inner }) }, 'turn failed');
    const entry = JSON.parse(lines[0]!) as { err: ReturnType<typeof describeError> };
    expect(entry.err.message).toBe('turn failed to save');
    expect(entry.err.stack).toMatch(/logger\.test\.ts/);
    expect(entry.err.cause).toMatchObject({
      message: 'connect ECONNREFUSED',
      code: 'ECONNREFUSED',
    });
  });

  it('never show a draft token, a response_url query, a webhook key or a known secret, wherever they appear', () => {
    const { lines, log } = capture();
    addLogSecret('SecretAesKeyValue0123456789');
    log.warn(
      {
        path: '/drafts/eyJhIjoxfQ.abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG.docx',
        note: 'https://qyapi.weixin.qq.com/cgi-bin/aibot/response?response_code=RC123&x=1',
        url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx',
      },
      'failed with SecretAesKeyValue0123456789 in the message',
    );
    const line = lines.join('');
    expect(line).not.toContain('eyJhIjoxfQ');
    expect(line).not.toContain('RC123');
    expect(line).not.toContain('693a91f6');
    expect(line).not.toContain('SecretAesKeyValue0123456789');
    expect(line).toContain('/drafts/[redacted]');
  });

  it('of a failing route name the route pattern, not the path with its token (F3)', async () => {
    const { lines, log } = capture();
    const app = new Koa();
    const router = new Router();
    router.get('/drafts/:token', () => {
      throw new Error('MongoServerSelectionError: connection refused');
    });
    app.use(errorBoundary(log)).use(router.routes());
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const { port } = server.address() as { port: number };
    const res = await fetch(`http://127.0.0.1:${port}/drafts/tokenPayload.tokenMac123.docx`);
    server.close();
    expect(res.status).toBe(500);
    const entry = JSON.parse(lines[0]!) as { route: string; err: { stack: string } };
    expect(entry.route).toBe('/drafts/:token');
    expect(entry.err.stack).toContain('MongoServerSelectionError');
    expect(lines.join('')).not.toContain('tokenPayload');
  });
});
