import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { parseQuantity } from '../../src/report/numbers.js';
import { allSections, resolveSection, sectionLabel } from '../../src/report/sections.js';
import { TemplateError } from '../../src/report/template-error.js';
import { parseTemplate } from '../../src/report/template-parse.js';
import type { Template } from '../../src/report/types.js';
import { DEFAULT_TEMPLATE_DIR, loadTemplates } from '../../src/store/template-files.js';
import { OUTLINE_SECTION_IDS } from './fixture-template.js';

const townshipSource = readFileSync(path.join(DEFAULT_TEMPLATE_DIR, 'township.v1.yaml'), 'utf8');

function mustGet(id: string, version: number): Template {
  const t = loadTemplates().get(id, version);
  if (t === undefined) throw new Error(`template ${id} v${version} not loaded`);
  return t;
}

describe('the shipped templates', () => {
  const registry = loadTemplates();

  it('load and validate at start-up', () => {
    expect(registry.list().map((t) => `${t.id}@${t.version}`)).toEqual([
      'county-department@2',
      'township@2',
    ]);
    // Version 1 stays loaded: the reports made from it are read with it.
    const all = registry.all().map((t) => `${t.id}@${t.version}`);
    expect(all).toContain('township@1');
    expect(all).toContain('county-department@1');
  });

  it.each(['township', 'county-department'])('%s has the five required parts in order', (id) => {
    const t = mustGet(id, 1);
    expect(t.parts.map((p) => [p.no, p.role])).toEqual([
      [1, 'measures'],
      [2, 'shortcomings'],
      [3, 'first_responsible'],
      [4, 'plans'],
      [5, 'other'],
    ]);
    expect(allSections(t).map((s) => s.id)).toEqual(OUTLINE_SECTION_IDS);
    expect(t.titlePattern).toBe('{org}{year}年法治政府建设情况报告');
    expect(t.addresseePattern).toContain('{county}');
  });

  it('township is the joint Party committee and government form; the department one is not', () => {
    expect(mustGet('township', 1)).toMatchObject({ joint: true, orgKind: 'township' });
    expect(mustGet('county-department', 1)).toMatchObject({
      joint: false,
      orgKind: 'department',
    });
  });

  it('township part 一 has the eight usual sub-topics', () => {
    const headings = mustGet('township', 1).parts[0]!.sections.map((s) => s.heading);
    for (const [i, word] of [
      '习近平法治思想',
      '依法全面履行职能',
      '合法性审查',
      '行政执法',
      '矛盾纠纷',
      '普法',
      '公共法律服务',
      '政务公开',
    ].entries()) {
      expect(headings[i]).toContain(word);
    }
  });

  it('the department template covers department sub-topics', () => {
    const headings = mustGet('county-department', 1).parts[0]!.sections.map((s) => s.heading);
    expect(headings.join('|')).toMatch(/依法全面履行职责.*执法.*行政复议与行政应诉.*普法责任制/);
  });

  describe.each(['township', 'county-department'])('%s sections', (id) => {
    const t = mustGet(id, 1);
    it.each(allSections(t).map((s) => [s.id, s] as const))('%s is complete', (_id, s) => {
      expect(s.keywords.length).toBeGreaterThan(0);
      expect(s.questions.length).toBeGreaterThanOrEqual(2);
      expect(s.questions.length).toBeLessThanOrEqual(5);
      expect(s.suggestedLength?.min).toBeGreaterThan(0);
      expect(s.example?.length ?? 0).toBeGreaterThan(20);
      const keys = new Set(s.metrics.map((m) => m.key));
      for (const q of s.questions) {
        if (q.kind === 'number') expect(keys.has(q.metric ?? '')).toBe(true);
      }
      for (const r of s.relations) {
        const refs = r.kind === 'lte' ? [r.left, r.right] : [r.rate, r.numerator, r.denominator];
        for (const ref of refs) expect(keys.has(ref)).toBe(true);
      }
      for (const m of s.metrics) {
        expect(m.min ?? 0).toBeLessThanOrEqual(m.max ?? Infinity);
        if (m.type === 'percent') expect([m.unit, m.max]).toEqual(['%', 100]);
      }
    });
  });

  it('every number question accepts a typical answer and refuses an absurd one', () => {
    for (const t of registry.list()) {
      for (const s of allSections(t)) {
        for (const q of s.questions.filter((x) => x.kind === 'number')) {
          const m = s.metrics.find((x) => x.key === q.metric)!;
          const expectation = { unit: m.unit, type: m.type, min: m.min, max: m.max };
          expect(parseQuantity(m.type === 'percent' ? '98%' : `3${m.unit}`, expectation).ok).toBe(
            true,
          );
          expect(parseQuantity(`${(m.max ?? 100) * 10 + 1}`, expectation).ok).toBe(false);
        }
      }
    }
  });

  it('every metric has a phrase that says its figure in a sentence, never label + number', () => {
    for (const t of registry.list()) {
      for (const m of allSections(t).flatMap((s) => s.metrics)) {
        expect(m.phrase, `${t.id} ${m.key}`).toContain(`{n}${m.unit}`);
        expect(m.phrase?.startsWith('{n}'), `${t.id} ${m.key}`).toBe(false);
      }
    }
  });

  it('township has 化解 ≤ 排查 and a rate derivable from the counts', () => {
    const disputes = allSections(mustGet('township', 1)).find((s) => s.id === '1.5')!;
    expect(disputes.relations).toEqual([
      { kind: 'lte', left: 'disputes_resolved', right: 'disputes_found' },
      {
        kind: 'rate',
        rate: 'mediation_rate',
        numerator: 'disputes_resolved',
        denominator: 'disputes_found',
      },
    ]);
  });

  it.each([
    ['一(三)', '1.3'],
    ['1-5', '1.5'],
    ['矛盾纠纷', '1.5'],
    ['普法', '1.6'],
    ['村法律顾问', '1.7'],
    ['第一责任人', '3'],
    ['不足', '2'],
    ['明年安排', '4'],
    ['其他需要报告的情况', '5'],
  ])('township: %s resolves to %s', (words, id) => {
    const ref = resolveSection(mustGet('township', 1), words);
    expect(ref.kind === 'found' && ref.section.id).toBe(id);
  });

  it.each([
    ['执法', '1.4'],
    ['复议', '1.5'],
    ['出庭应诉率', '1.5'],
    ['普法', '1.6'],
    ['公职律师', '1.3'],
  ])('county-department: %s resolves to %s', (words, id) => {
    const ref = resolveSection(mustGet('county-department', 1), words);
    expect(ref.kind === 'found' && ref.section.id).toBe(id);
  });

  it('no keyword names two sections of one template', () => {
    for (const t of registry.list()) {
      const owner = new Map<string, string>();
      for (const s of allSections(t)) {
        for (const k of s.keywords) {
          expect(owner.get(k), `${t.id}: ${k}`).toBeUndefined();
          owner.set(k, s.id);
        }
      }
    }
  });

  it('labels resolve back to their own sections in both templates', () => {
    for (const t of registry.list()) {
      for (const s of allSections(t)) {
        const ref = resolveSection(t, sectionLabel(s));
        expect(ref.kind === 'found' && ref.section.id).toBe(s.id);
      }
    }
  });
});

/** Edits the township source as data, then parses it under a made-up file name. */
function parseEdited(edit: (doc: Record<string, unknown>) => void): TemplateError {
  const doc = parse(townshipSource) as Record<string, unknown>;
  edit(doc);
  return errorOf(() => parseTemplate(stringify(doc), 'templates/broken.v1.yaml'));
}

function errorOf(fn: () => unknown): TemplateError {
  try {
    fn();
  } catch (e) {
    if (e instanceof TemplateError) return e;
    throw e;
  }
  throw new Error('expected a TemplateError');
}

// Loose access into the parsed YAML for editing.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;

describe('a broken template gives a clear error naming the file and the field', () => {
  it('missing field', () => {
    const e = parseEdited((d: Loose) => {
      delete d.parts[0].sections[2].heading;
    });
    expect(e.message).toContain('templates/broken.v1.yaml');
    expect(e.message).toContain('parts[0].sections[2].heading: missing required field');
    expect(e.userMessage).toContain('模板文件 templates/broken.v1.yaml 有误');
    expect(e.userMessage).toContain('parts[0].sections[2].heading：缺少必填字段');
    expect(e.issues).toHaveLength(1);
  });

  it('bad type', () => {
    const e = parseEdited((d: Loose) => {
      d.parts[0].sections[4].metrics[0].max = 'many';
    });
    expect(e.message).toContain('parts[0].sections[4].metrics[0].max: expected number, got string');
    expect(e.userMessage).toContain('parts[0].sections[4].metrics[0].max：应为数字，实际是文字');
  });

  it('a section id written without quotes', () => {
    const e = errorOf(() =>
      parseTemplate(townshipSource.replace("id: '1.3'", 'id: 1.3'), 'templates/x.v1.yaml'),
    );
    expect(e.message).toContain('parts[0].sections[2].id: expected string, got number');
    expect(e.userMessage).toContain("编号请加引号，例如 '1.3'");
  });

  it('duplicate section id', () => {
    const e = parseEdited((d: Loose) => {
      d.parts[0].sections[3].id = '1.3';
    });
    expect(e.message).toContain(
      'parts[0].sections[3].id: duplicate section id 1.3 (also parts[0].sections[2].id)',
    );
    expect(e.userMessage).toContain('小节编号 1.3 重复');
  });

  it('section id out of order', () => {
    const e = parseEdited((d: Loose) => {
      d.parts[1].sections[0].id = '2.1';
    });
    expect(e.message).toContain('parts[1].sections[0].id: section id 2.1 should be 2');
  });

  it('unknown metric in a relation', () => {
    const e = parseEdited((d: Loose) => {
      d.parts[0].sections[4].relations[0].right = 'disputes_total';
    });
    expect(e.message).toContain(
      'parts[0].sections[4].relations[0].right: unknown metric disputes_total in this section',
    );
    expect(e.userMessage).toContain(
      'parts[0].sections[4].relations[0].right：本小节没有指标 disputes_total',
    );
  });

  it('a rate relation whose rate is not a percent', () => {
    const e = parseEdited((d: Loose) => {
      d.parts[0].sections[4].relations[1].rate = 'petitions';
    });
    expect(e.message).toContain('relations[1].rate: metric petitions is not a percent');
  });

  it('a number question naming an unknown metric, and a metric nobody asks for', () => {
    const e = parseEdited((d: Loose) => {
      d.parts[0].sections[0].questions[1].metric = 'study_session';
    });
    expect(e.message).toContain(
      'parts[0].sections[0].questions[1].metric: unknown metric study_session in this section',
    );
    expect(e.message).toContain(
      'parts[0].sections[0].metrics[0]: metric study_sessions is asked by no number question',
    );
    expect(e.issues).toHaveLength(2);
  });

  it('a misspelt field', () => {
    const e = parseEdited((d: Loose) => {
      d.parts[0].sections[0].keyword = ['学法'];
    });
    expect(e.message).toContain('parts[0].sections[0]: unknown field(s) keyword');
    expect(e.userMessage).toContain('不认识的字段 keyword');
  });

  it('an unknown role and a missing required part', () => {
    const e = parseEdited((d: Loose) => {
      d.parts = d.parts.slice(0, 4);
    });
    expect(e.message).toContain('parts: no part has role other');
    const e2 = parseEdited((d: Loose) => {
      d.parts[4].role = 'misc';
    });
    expect(e2.message).toContain('parts[4].role: must be one of');
  });

  it('percent bounds over 100 and min above max', () => {
    const e = parseEdited((d: Loose) => {
      d.parts[0].sections[4].metrics[2].max = 120;
      d.parts[0].sections[4].metrics[0].min = 9000;
    });
    expect(e.message).toContain('parts[0].sections[4].metrics[2].max: percent bounds');
    expect(e.message).toContain('parts[0].sections[4].metrics[0].min: min 9000 is above max 5000');
  });

  it('a phrase without its {n}, or with the figure not followed by the unit', () => {
    const e = parseEdited((d: Loose) => {
      d.parts[0].sections[4].metrics[0].phrase = '排查矛盾纠纷若干';
      d.parts[0].sections[4].metrics[1].phrase = '化解{n}件纠纷';
    });
    expect(e.message).toContain(
      'parts[0].sections[4].metrics[0].phrase: phrase must hold {n} once',
    );
    expect(e.message).toContain('parts[0].sections[4].metrics[1].phrase');
    expect(e.userMessage).toContain('后面紧跟单位“起”');
  });

  it('a zero with a figure in it, and numbered paragraphs asked of a number question', () => {
    const e = parseEdited((d: Loose) => {
      d.parts[0].sections[4].metrics[0].zero = '排查矛盾纠纷0起';
      d.parts[0].sections[4].questions[1].numbered = true;
    });
    expect(e.message).toContain('parts[0].sections[4].metrics[0].zero: zero says there was none');
    expect(e.message).toContain(
      'parts[0].sections[4].questions[1].numbered: only a list or text question',
    );
  });

  it('an unknown placeholder in the title', () => {
    const e = parseEdited((d: Loose) => {
      d.titlePattern = '{town}{year}年法治政府建设情况报告';
    });
    expect(e.message).toContain('titlePattern: unknown placeholder {town}');
    expect(e.message).toContain('titlePattern: must contain {org}');
  });

  it('not YAML at all, and a repeated key', () => {
    const e = errorOf(() => parseTemplate('id: [township\nversion: 1', 'templates/bad.v1.yaml'));
    expect(e.message).toMatch(
      /^Template templates\/bad\.v1\.yaml is invalid: not valid YAML at line \d+/,
    );
    expect(e.userMessage).toContain('YAML 格式错误');
    const dup = errorOf(() =>
      parseTemplate(
        townshipSource.replace('version: 1', 'version: 1\nversion: 2'),
        'templates/d.v1.yaml',
      ),
    );
    expect(dup.userMessage).toContain('重复的字段名');
  });

  it('an empty file', () => {
    const e = errorOf(() => parseTemplate('', 'templates/empty.v1.yaml'));
    expect(e.message).toContain('templates/empty.v1.yaml');
    expect(e.issues.length).toBeGreaterThan(0);
  });
});

describe('versions', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  function dirWith(files: Record<string, string>): string {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'templates-'));
    dirs.push(dir);
    for (const [name, source] of Object.entries(files)) writeFileSync(path.join(dir, name), source);
    return dir;
  }

  const v2Source = townshipSource
    .replace('version: 1', 'version: 2')
    .replace('heading: 公共法律服务', 'heading: 公共法律服务体系建设');

  it('two versions of one id coexist; get returns exactly the version asked for', () => {
    const registry = loadTemplates(
      dirWith({ 'township.v1.yaml': townshipSource, 'township.v2.yaml': v2Source }),
    );
    const v1 = registry.get('township', 1)!;
    const v2 = registry.get('township', 2)!;
    expect(allSections(v1).find((s) => s.id === '1.7')?.heading).toBe('公共法律服务');
    expect(allSections(v2).find((s) => s.id === '1.7')?.heading).toBe('公共法律服务体系建设');
    expect(registry.latest('township')?.version).toBe(2);
    expect(registry.list().map((t) => t.version)).toEqual([2]);
    expect(registry.all().map((t) => t.version)).toEqual([1, 2]);
    expect(registry.get('township', 3)).toBeUndefined();
    expect(registry.latest('county')).toBeUndefined();
  });

  it('refuses two files defining the same id and version', () => {
    const dir = dirWith({ 'township.v1.yaml': townshipSource, 'township.v1.yml': townshipSource });
    const e = errorOf(() => loadTemplates(dir));
    expect(e.message).toMatch(/township version 1 is already defined in .*township\.v1\.yaml/);
    expect(e.userMessage).toContain('新建文件并提高 version');
  });

  it('refuses a file whose name does not match its id and version', () => {
    const e = errorOf(() => loadTemplates(dirWith({ 'township.v3.yaml': v2Source })));
    expect(e.message).toContain('township.v3.yaml');
    expect(e.message).toContain('file name must match id and version: township.v2.yaml');
  });

  it('refuses an empty folder, and names the bad file when one is broken', () => {
    expect(() => loadTemplates(dirWith({}))).toThrow(TemplateError);
    const e = errorOf(() =>
      loadTemplates(
        dirWith({
          'township.v1.yaml': townshipSource,
          'township.v2.yaml': v2Source.replace('joint: true', 'joint: yes please'),
        }),
      ),
    );
    expect(e.fileName).toMatch(/township\.v2\.yaml$/);
    expect(e.message).toContain('joint: expected boolean, got string');
  });
});
