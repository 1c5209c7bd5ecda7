import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadDotEnv } from '../../src/env-file.js';

describe('loadDotEnv', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dotenv-'));
  const file = path.join(dir, '.env');
  const vitest = process.env.VITEST;
  afterEach(() => {
    process.env.VITEST = vitest;
    delete process.env.REPORT_BOT_DOTENV_A;
    delete process.env.REPORT_BOT_DOTENV_B;
  });

  it('adds what .env sets and keeps what the environment already has', () => {
    writeFileSync(file, 'REPORT_BOT_DOTENV_A=from-file\nREPORT_BOT_DOTENV_B=from-file\n');
    process.env.REPORT_BOT_DOTENV_B = 'from-env';
    delete process.env.VITEST;
    loadDotEnv(file);
    expect(process.env.REPORT_BOT_DOTENV_A).toBe('from-file');
    expect(process.env.REPORT_BOT_DOTENV_B).toBe('from-env');
  });

  it('does nothing under the test runner or without a file', () => {
    writeFileSync(file, 'REPORT_BOT_DOTENV_A=from-file\n');
    loadDotEnv(file);
    expect(process.env.REPORT_BOT_DOTENV_A).toBeUndefined();
    delete process.env.VITEST;
    loadDotEnv(path.join(dir, 'missing.env'));
    expect(process.env.REPORT_BOT_DOTENV_A).toBeUndefined();
    rmSync(dir, { recursive: true, force: true });
  });
});
