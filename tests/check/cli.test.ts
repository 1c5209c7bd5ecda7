import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const bin = path.join(root, 'bin/report-bot');
const fixture = (name: string): string => path.join(root, 'tests/fixtures/check', name);

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function reportBot(args: readonly string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { cwd: root, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

interface JsonFinding {
  rule: string;
  severity: string;
  message: string;
  line: number;
}

function parseFindings(stdout: string): JsonFinding[] {
  const parsed = JSON.parse(stdout) as { findings: JsonFinding[] };
  expect(Object.keys(parsed)).toEqual(['findings']);
  for (const f of parsed.findings) {
    expect(Object.keys(f).sort()).toEqual(['line', 'message', 'rule', 'severity']);
    expect(typeof f.line).toBe('number');
  }
  return parsed.findings;
}

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'report-bot-check-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('report-bot check', () => {
  it('exits 0 with no findings on a clean report', async () => {
    const run = await reportBot(['check', fixture('clean-town-2025.txt'), '--json']);
    expect(run.code).toBe(0);
    expect(parseFindings(run.stdout)).toEqual([]);
  });

  it('exits 1 and lists the findings as JSON on a defective report', async () => {
    const run = await reportBot(['check', fixture('repeated-heading.txt'), '--json']);
    expect(run.code).toBe(1);
    const findings = parseFindings(run.stdout);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'heading-sequence', severity: 'error', line: 27 });
  });

  it('prints one line per finding and a summary without --json', async () => {
    const run = await reportBot(['check', fixture('sloppy-figure.txt')]);
    // A warning alone does not fail the check.
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^第14行 \[警告\] 数字：.*4余次/);
    expect(lines.at(-1)).toContain('共发现 1 处问题');
  });

  it('checks a .docx, counting paragraphs as lines', async () => {
    const lines = readFileSync(fixture('skipped-heading.txt'), 'utf8').split('\n');
    const doc = new Document({
      sections: [{ children: lines.map((l) => new Paragraph({ children: [new TextRun(l)] })) }],
    });
    const file = path.join(dir, '桐溪镇报告.docx');
    writeFileSync(file, await Packer.toBuffer(doc));
    const run = await reportBot(['check', file, '--json']);
    expect(run.code).toBe(1);
    expect(parseFindings(run.stdout)).toEqual([
      expect.objectContaining({ rule: 'heading-sequence', severity: 'error', line: 27 }),
    ]);
  });

  it('takes --year and reports a title that disagrees', async () => {
    const run = await reportBot([
      'check',
      fixture('clean-town-2025.txt'),
      '--json',
      '--year',
      '2024',
    ]);
    expect(run.code).toBe(1);
    expect(parseFindings(run.stdout)[0]).toMatchObject({ rule: 'year-mismatch', line: 1 });
  });

  it.each([
    [['check'], '缺少要检查的文件', 'missing the file'],
    [['check', 'report.pdf'], '不支持的文件类型', 'unsupported file type'],
    [['check', fixture('clean-town-2025.txt'), '--verbose'], '未知选项', 'unknown option'],
    [['check', fixture('clean-town-2025.txt'), '--year', 'abc'], '四位年份', 'needs a year'],
  ])('exits 2 on a usage error: %j', async (args, zh, en) => {
    const run = await reportBot(args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(zh);
    expect(run.stderr).toContain(en);
  });

  it('exits 2 on a file it cannot read, without a stack trace', async () => {
    const missing = await reportBot(['check', path.join(dir, 'absent.txt')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('无法读取文件');
    expect(missing.stderr).toContain('cannot read file');

    const broken = path.join(dir, 'broken.docx');
    writeFileSync(broken, 'this is not a zip archive');
    const run = await reportBot(['check', broken]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('无法读取文件');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
