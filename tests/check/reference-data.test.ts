import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkReport } from '../../src/report/check/index.js';
import { loadCheckReferences } from '../../src/store/check-references.js';
import { buildReport } from './report-builder.js';

describe('config/check-references.yaml', () => {
  it('gives every entry a source', () => {
    const data = loadCheckReferences();
    const all = [...data.superseded, ...data.documents, ...data.stale];
    expect(all.length).toBeGreaterThan(5);
    for (const e of all) expect(e.source.length).toBeGreaterThan(4);
  });

  it('refuses a bad file, naming each bad entry', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'refs-'));
    const file = path.join(dir, 'bad.yaml');
    writeFileSync(file, 'superseded:\n  - old: 信访条例\n    new: 信访工作条例\n    since: 22\n');
    expect(() => loadCheckReferences(file)).toThrow(
      /superseded\[0\]\.since.*superseded\[0\]\.source/,
    );
  });

  it('drives the reference rule: old names, wrong years in titles, stale phrases for the year', () => {
    const references = loadCheckReferences();
    const r = buildReport(undefined, {
      opening:
        '2025年，青禾镇学习贯彻党的十九届历次全会精神，落实《法治政府建设实施纲要（2020—2025年）》，依照《中华人民共和国合同法》规范村级合同。',
    });
    const found = checkReport(r.text, { references }).filter((f) => f.rule === 'reference');
    expect(found.map((f) => f.line)).toEqual(Array(3).fill(r.lineOf('十九届历次全会')));
    const said = found.map((f) => f.message).join('\n');
    expect(said).toContain('《中华人民共和国民法典》');
    expect(said).toContain('《法治政府建设实施纲要（2021—2025年）》');
    expect(said).toContain('二十大');
    // The same phrase in a report for 2021 is current.
    const old = checkReport(r.text.replace(/2025年/g, '2021年').replace(/2026年/g, '2022年'), {
      references,
    }).filter((f) => f.rule === 'reference' && f.message.includes('十九届'));
    expect(old).toEqual([]);
  });
});
