import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseRemindPlanArgs } from '../../src/cli/commands/remind-plan.js';

const run = promisify(execFile);
const bin = path.resolve('bin/report-bot');

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(bin, args, { cwd: path.resolve('.') });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('report-bot remind-plan', () => {
  it('prints --json as an array of {at with +08:00, kind, daysLeft}', async () => {
    const { code, stdout, stderr } = await cli([
      'remind-plan',
      '--deadline',
      '2027-01-08',
      '--from',
      '2026-12-20',
      '--json',
    ]);
    expect(code).toBe(0);
    const plan = JSON.parse(stdout) as unknown[];
    expect(plan.slice(0, 4)).toEqual([
      { at: '2026-12-29T09:30:00+08:00', kind: 'before', daysLeft: 7 },
      { at: '2027-01-05T09:30:00+08:00', kind: 'before', daysLeft: 3 },
      { at: '2027-01-07T09:30:00+08:00', kind: 'before', daysLeft: 1 },
      { at: '2027-01-08T09:30:00+08:00', kind: 'due', daysLeft: 0 },
    ]);
    for (const item of plan)
      expect(Object.keys(item as object)).toEqual(['at', 'kind', 'daysLeft']);
    // The caveat about the estimated year goes to stderr, keeping stdout a bare array.
    expect(stderr).toContain('2027年放假安排尚未公布');
  });

  it('prints a Chinese list by default, marking make-up working days', async () => {
    const { code, stdout } = await cli([
      'remind-plan',
      '--deadline',
      '2026-02-26',
      '--from',
      '2026-02-01',
    ]);
    expect(code).toBe(0);
    expect(stdout).toContain('提醒计划：截止 2026年2月26日（星期四）');
    expect(stdout).toContain('2026年2月14日 星期六 09:30  截止前3个工作日（调休上班）');
    expect(stdout).toContain('2026年2月26日 星期四 09:30  今日截止');
  });

  it('uses the overrides file given with --holidays', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cli-holidays-'));
    const file = path.join(dir, 'holidays.yaml');
    writeFileSync(file, 'daysOff: [2027-01-07]\n');
    const { stdout } = await cli([
      'remind-plan',
      '--deadline',
      '2027-01-08',
      '--from',
      '2027-01-06',
      '--json',
      '--holidays',
      file,
    ]);
    const plan = JSON.parse(stdout) as unknown[];
    // 7 Jan is now a day off, so 6 Jan is the last working day before the deadline.
    expect(plan.slice(0, 2)).toEqual([
      { at: '2027-01-06T09:30:00+08:00', kind: 'before', daysLeft: 1 },
      { at: '2027-01-08T09:30:00+08:00', kind: 'due', daysLeft: 0 },
    ]);
  });

  it('exits 2 with a bilingual message on bad arguments or a bad overrides file', async () => {
    const missing = await cli(['remind-plan', '--json']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('缺少 --deadline / --deadline is required');

    const bad = await cli(['remind-plan', '--deadline', '2027-02-30']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--deadline 应为有效日期');
    expect(bad.stderr).toContain('must be a valid date');

    const dir = mkdtempSync(path.join(os.tmpdir(), 'cli-holidays-'));
    writeFileSync(path.join(dir, 'h.yaml'), 'daysOff: [2027-01-32]\n');
    const badFile = await cli([
      'remind-plan',
      '--deadline',
      '2027-01-08',
      '--holidays',
      path.join(dir, 'h.yaml'),
    ]);
    expect(badFile.code).toBe(2);
    expect(badFile.stderr).toContain('daysOff[0].date');
  });
});

describe('parseRemindPlanArgs', () => {
  it('defaults --from to today and refuses unknown options', () => {
    expect(parseRemindPlanArgs(['--deadline', '2027-01-08'], '2026-12-01')).toEqual({
      ok: true,
      args: {
        deadline: '2027-01-08',
        from: '2026-12-01',
        json: false,
        holidays: 'config/holidays.yaml',
      },
    });
    const unknown = parseRemindPlanArgs(['--deadline', '2027-01-08', '--bogus'], '2026-12-01');
    expect(unknown).toMatchObject({ ok: false });
    expect(!unknown.ok && unknown.message).toContain('参数错误 / bad arguments');
  });
});
