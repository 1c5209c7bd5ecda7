import { loadConfig, type Config } from '../../src/config.js';

/** A valid config for in-process apps, with test credentials and overrides on top. */
export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    PORT: '0',
    DATA_DIR: '/tmp/report-bot-unused',
    WECOM_BOT_TOKEN: 'testtoken',
    WECOM_BOT_ENCODING_AES_KEY: 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR',
    LOG_LEVEL: 'silent',
    ...overrides,
  });
}
