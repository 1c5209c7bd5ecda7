import { describe, expect, it } from 'vitest';
import { ConfigError, configFromEnvironment, loadConfig } from '../../src/config.js';

const validKey = 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR';

function errorFor(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('fills documented defaults from an empty environment', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 3000,
      dataDir: './data',
      wecomBotReceiveId: '',
      wecomApiBase: 'https://qyapi.weixin.qq.com',
      callbackMaxAgeSeconds: 3600,
      mongodbUri: undefined,
      redisUrl: undefined,
      publicBaseUrl: 'http://localhost:3000',
    });
  });

  it("allows files from WeCom's media host by default, per transport, or the hosts given", () => {
    const media = 'ww-aibot-img-1258476243.cos.ap-guangzhou.myqcloud.com';
    expect(loadConfig({})).toMatchObject({ wecomFileHosts: [media], wecomWsFileHosts: [media] });
    expect(
      loadConfig({
        WECOM_FILE_HOSTS: ' files.example.com , http://127.0.0.1:8081 ',
        WECOM_WS_FILE_HOSTS: 'media.example.com',
      }),
    ).toMatchObject({
      wecomFileHosts: ['files.example.com', 'http://127.0.0.1:8081'],
      wecomWsFileHosts: ['media.example.com'],
    });
  });

  it('returns a frozen object', () => {
    const c = loadConfig({});
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('accepts a full valid environment and normalises URLs', () => {
    const c = loadConfig({
      PORT: '8080',
      MONGODB_URI: 'mongodb://db:27017/bot',
      REDIS_URL: 'redis://cache:6379/0',
      DATA_DIR: '/var/lib/bot',
      WECOM_BOT_TOKEN: 'abc123',
      WECOM_BOT_ENCODING_AES_KEY: validKey,
      WECOM_BOT_RECEIVE_ID: 'ww1234567890',
      PUBLIC_BASE_URL: 'https://bot.example.gov.cn/',
      WECOM_API_BASE: 'http://127.0.0.1:9999/',
    });
    expect(c.port).toBe(8080);
    expect(c.mongodbUri).toBe('mongodb://db:27017/bot');
    expect(c.publicBaseUrl).toBe('https://bot.example.gov.cn');
    expect(c.wecomApiBase).toBe('http://127.0.0.1:9999');
    expect(c.wecomBotReceiveId).toBe('ww1234567890');
  });

  it.each([
    ['PORT', { PORT: 'abc' }],
    ['PORT', { PORT: '70000' }],
    ['PORT', { PORT: '1.5' }],
    ['MONGODB_URI', { MONGODB_URI: 'postgres://x' }],
    ['REDIS_URL', { REDIS_URL: 'http://x' }],
    ['WECOM_BOT_ENCODING_AES_KEY', { WECOM_BOT_ENCODING_AES_KEY: 'tooshort' }],
    ['WECOM_BOT_ENCODING_AES_KEY', { WECOM_BOT_ENCODING_AES_KEY: `${validKey}x` }],
    ['WECOM_BOT_ENCODING_AES_KEY', { WECOM_BOT_ENCODING_AES_KEY: validKey.slice(0, 42) + '+' }],
    ['WECOM_BOT_TOKEN', { WECOM_BOT_TOKEN: 'has space' }],
    ['PUBLIC_BASE_URL', { PUBLIC_BASE_URL: 'not a url' }],
    ['WECOM_API_BASE', { WECOM_API_BASE: '::' }],
    ['WECOM_FILE_HOSTS', { WECOM_FILE_HOSTS: 'files.example.com/path' }],
    ['WECOM_WS_FILE_HOSTS', { WECOM_WS_FILE_HOSTS: 'ftp://files.example.com' }],
    ['CALLBACK_MAX_AGE_SECONDS', { CALLBACK_MAX_AGE_SECONDS: '-5' }],
    ['LOG_LEVEL', { LOG_LEVEL: 'loud' }],
  ])('names %s when it is invalid, in Chinese and English', (variable, env) => {
    const err = errorFor(env);
    expect(err.variable).toBe(variable);
    const text = err.describe();
    expect(text).toContain(`配置错误 ${variable}`);
    expect(text).toContain(`Configuration error ${variable}`);
    expect(text).toMatch(/[\u4e00-\u9fff]/);
  });

  it('requires bot credentials in production', () => {
    expect(errorFor({ NODE_ENV: 'production' }).variable).toBe('WECOM_BOT_TOKEN');
    expect(errorFor({ NODE_ENV: 'production', WECOM_BOT_TOKEN: 'abc' }).variable).toBe(
      'WECOM_BOT_ENCODING_AES_KEY',
    );
    const credentials = {
      NODE_ENV: 'production',
      WECOM_BOT_TOKEN: 'abc',
      WECOM_BOT_ENCODING_AES_KEY: 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR',
    };
    expect(errorFor(credentials).variable).toBe('DATA_KEY');
    expect(errorFor({ ...credentials, DATA_KEY: 'too-short' }).variable).toBe('DATA_KEY');
    const key = Buffer.alloc(32, 7);
    expect(loadConfig({ ...credentials, DATA_KEY: key.toString('base64') }).dataKey).toBeDefined();
    expect(loadConfig({ ...credentials, DATA_KEY: key.toString('hex') }).dataKey).toBeDefined();
  });

  it('treats empty strings as unset', () => {
    const c = loadConfig({ MONGODB_URI: '', REDIS_URL: ' ', PORT: '' });
    expect(c.mongodbUri).toBeUndefined();
    expect(c.redisUrl).toBeUndefined();
    expect(c.port).toBe(3000);
  });
});

describe('configFromEnvironment', () => {
  it('gives a bad variable back as a problem to print, naming it, not as a thrown error', () => {
    const before = process.env.PORT;
    process.env.PORT = 'abc';
    try {
      const read = configFromEnvironment();
      expect('problem' in read && read.problem).toMatch(/PORT/);
    } finally {
      if (before === undefined) delete process.env.PORT;
      else process.env.PORT = before;
    }
    expect(configFromEnvironment()).toHaveProperty('config');
  });
});
