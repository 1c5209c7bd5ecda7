import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  HolidayOverridesError,
  parseHolidayOverrides,
} from '../../src/schedule/holiday-overrides.js';
import { loadHolidayOverrides } from '../../src/schedule/holiday-overrides-file.js';

function errorOf(text: string, file?: string): HolidayOverridesError {
  try {
    parseHolidayOverrides(text, file);
  } catch (err) {
    if (err instanceof HolidayOverridesError) return err;
    throw err;
  }
  throw new Error('expected a HolidayOverridesError');
}

describe('parseHolidayOverrides', () => {
  it('reads bare dates and { date, note } entries', () => {
    const o = parseHolidayOverrides(
      'daysOff:\n  - 2027-02-11\n  - { date: 2027-02-12, note: 春节 }\nworkingDays: [2027-02-20]\npublishedYears: [2027]\n',
    );
    expect([...o.daysOff]).toEqual([
      ['2027-02-11', ''],
      ['2027-02-12', '春节'],
    ]);
    expect([...o.workingDays.keys()]).toEqual(['2027-02-20']);
    expect([...o.publishedYears]).toEqual([2027]);
  });

  it('accepts an empty file or one holding only comments', () => {
    for (const text of ['', '# nothing yet\n']) {
      const o = parseHolidayOverrides(text);
      expect(o.daysOff.size + o.workingDays.size + o.publishedYears.size).toBe(0);
    }
  });

  it('names the file, the entry and its line for an impossible date', () => {
    const err = errorOf('daysOff:\n  - 2027-02-05\n  - 2027-02-30\n', 'config/holidays.yaml');
    expect(err.file).toBe('config/holidays.yaml');
    expect(err.entry).toBe('daysOff[1].date (第 3 行 / line 3)');
    expect(err.describe()).toContain('"2027-02-30" 不是有效日期');
    expect(err.describe()).toContain('is not a valid date');
  });

  it('refuses unknown keys, naming them', () => {
    expect(errorOf('holidays: []\n').describe()).toContain('不认识的键 holidays');
    const err = errorOf('daysOff:\n  - { date: 2027-02-01, when: x }\n');
    expect(err.entry).toBe('daysOff[0] (第 2 行 / line 2)');
    expect(err.en).toBe('unknown key when');
  });

  it('refuses a date listed both as a day off and as a working day', () => {
    const err = errorOf('daysOff: [2027-02-01]\nworkingDays: [2027-02-01]\n');
    expect(err.entry).toBe('workingDays[0]');
    expect(err.zh).toContain('同时出现在 daysOff 和 workingDays 中');
  });

  it('reports broken YAML with its line', () => {
    const err = errorOf('daysOff:\n  - 2027-02-01\n workingDays: x\n');
    expect(err.zh).toMatch(/^YAML 格式错误/);
    expect(err.entry).toMatch(/第 \d+ 行/);
  });
});

describe('loadHolidayOverrides', () => {
  it('treats a missing file as no overrides and names the file it read in errors', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'holidays-'));
    const none = await loadHolidayOverrides('config/holidays.yaml', dir);
    expect(none.daysOff.size).toBe(0);
    writeFileSync(path.join(dir, 'bad.yaml'), 'workingDays:\n  - 2027-13-01\n');
    await expect(loadHolidayOverrides('bad.yaml', dir)).rejects.toMatchObject({
      name: 'HolidayOverridesError',
      file: 'bad.yaml',
      entry: 'workingDays[0].date (第 2 行 / line 2)',
    });
  });

  it('parses the shipped config/holidays.yaml', async () => {
    const shipped = readFileSync(path.resolve('config/holidays.yaml'), 'utf8');
    expect(() => parseHolidayOverrides(shipped)).not.toThrow();
    await expect(loadHolidayOverrides()).resolves.toBeDefined();
  });
});
