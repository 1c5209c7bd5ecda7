import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { composeDraft, paragraphText, type Draft } from '../../src/report/compose/index.js';
import { toDocx } from '../../src/report/export/docx.js';
import type { Answer } from '../../src/report/types.js';
import { answer, list, members, report, template, yearOfAnswers } from './fixtures.js';
import { renderPdf } from './render-pdf.js';

function draftOf(answers: Answer[] = yearOfAnswers(), joint = true): Draft {
  return composeDraft({
    template: { ...template, joint },
    report,
    answers,
    org: { name: '青石镇', countyName: '清河县' },
    members,
    issuedOn: '2027-01-09',
  });
}

interface Unzipped {
  document: string;
  styles: string;
  settings: string;
  fontTable: string;
  footers: Map<string, string>;
  rels: string;
}

async function unzip(buffer: Buffer): Promise<Unzipped> {
  const zip = await JSZip.loadAsync(buffer);
  const read = async (path: string) => {
    const file = zip.file(path);
    if (!file) throw new Error(`missing ${path}`);
    return file.async('string');
  };
  const footers = new Map<string, string>();
  for (const path of Object.keys(zip.files).filter((p) => /^word\/footer\d+\.xml$/.test(p))) {
    footers.set(path.replace('word/', ''), await read(path));
  }
  return {
    document: await read('word/document.xml'),
    styles: await read('word/styles.xml'),
    settings: await read('word/settings.xml'),
    fontTable: await read('word/fontTable.xml'),
    rels: await read('word/_rels/document.xml.rels'),
    footers,
  };
}

/** The `<w:p>` elements of a part, each with its plain text. */
function paragraphs(xml: string): { xml: string; text: string }[] {
  return [...xml.matchAll(/<w:p>.*?<\/w:p>/gs)].map(([p]) => ({
    xml: p,
    text: [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''),
  }));
}

const attr = (xml: string, element: string, name: string): string | undefined =>
  new RegExp(`<w:${element}\\b[^>]*\\bw:${name}="([^"]*)"`).exec(xml)?.[1];

/** The eastAsia font and size of every run in a paragraph. */
const runsOf = (p: string) =>
  [...p.matchAll(/<w:r>(.*?)<\/w:r>/gs)].map(([, r]) => ({
    eastAsia: attr(r as string, 'rFonts', 'eastAsia'),
    ascii: attr(r as string, 'rFonts', 'ascii'),
    hAnsi: attr(r as string, 'rFonts', 'hAnsi'),
    size: attr(r as string, 'sz', 'val'),
    bold: /<w:b\/>|<w:b w:val="(?:true|1|on)"\/>/.test(r as string),
    highlight: attr(r as string, 'highlight', 'val'),
  }));

describe('toDocx: GB/T 9704-2012 layout', () => {
  let draft: Draft;
  let docx: Unzipped;
  let paras: { xml: string; text: string }[];

  beforeAll(async () => {
    draft = draftOf();
    docx = await unzip(await toDocx(draft));
    paras = paragraphs(docx.document.slice(docx.document.indexOf('<w:body>')));
  });

  it('is A4 with margins 37/35/28/26 mm, a 156 × 225 mm text block', () => {
    const sect = /<w:sectPr>.*<\/w:sectPr>/s.exec(docx.document)?.[0] ?? '';
    expect(attr(sect, 'pgSz', 'w')).toBe('11906');
    expect(attr(sect, 'pgSz', 'h')).toBe('16838');
    const side = (name: string) => Number(attr(sect, 'pgMar', name));
    const margin = {
      top: side('top'),
      bottom: side('bottom'),
      left: side('left'),
      right: side('right'),
    };
    expect(margin).toEqual({ top: 2098, bottom: 1984, left: 1587, right: 1474 });
    const mm = (twips: number) => (twips * 25.4) / 1440;
    expect(mm(11906 - margin.left - margin.right)).toBeCloseTo(156, 0);
    expect(mm(16838 - margin.top - margin.bottom)).toBeCloseTo(225, 0);
  });

  it('sets the title in 二号 方正小标宋简体, centred, not bold, broken before 关于', () => {
    const title = paras[0] as { xml: string; text: string };
    expect(title.text).toBe(draft.title);
    expect(title.xml).toContain('<w:pStyle w:val="Title"/>');
    expect(attr(title.xml, 'jc', 'val')).toBe('center');
    for (const r of runsOf(title.xml)) {
      expect(r).toMatchObject({ eastAsia: '方正小标宋简体', size: '44', bold: false });
    }
    expect(title.xml).toMatch(
      /中共青石镇委员会 青石镇人民政府<\/w:t><\/w:r><w:r>.*<w:br\/>.*关于/s,
    );
  });

  it('puts the addressee flush left and the body in 三号 仿宋_GB2312, exact 28 pt, indented two characters', () => {
    const addressee = paras.find((p) => p.text === '清河县委、清河县人民政府：');
    expect(addressee && attr(addressee.xml, 'ind', 'firstLine')).toBe('0');
    const body = paras.find((p) => p.text.startsWith('一是执法人员多为兼职'));
    expect(body).toBeDefined();
    const xml = body?.xml ?? '';
    expect(attr(xml, 'spacing', 'line')).toBe('560');
    expect(attr(xml, 'spacing', 'lineRule')).toBe('exact');
    expect(attr(xml, 'ind', 'firstLine')).toBe('640');
    expect(attr(xml, 'ind', 'firstLineChars')).toBe('200');
    expect(runsOf(xml)).toEqual([
      expect.objectContaining({ eastAsia: '仿宋_GB2312', size: '32', bold: false }),
    ]);
  });

  it('uses 黑体 for 一、 headings, 楷体_GB2312 for （一）, 仿宋 for 1. leads, all 三号', () => {
    const h1 = paras.find((p) => p.text.startsWith('一、上一年度'));
    const h2 = paras.find((p) => p.text.startsWith('（一）加强党的领导'));
    expect(h1?.xml).toContain('<w:pStyle w:val="Heading1"/>');
    expect(h2?.xml).toContain('<w:pStyle w:val="Heading2"/>');
    expect(runsOf(h1?.xml ?? '')).toEqual([
      expect.objectContaining({ eastAsia: '黑体', size: '32' }),
    ]);
    expect(runsOf(h2?.xml ?? '')).toEqual([
      expect.objectContaining({ eastAsia: '楷体_GB2312', size: '32' }),
    ]);
    for (const h of [h1, h2]) {
      expect(attr(h?.xml ?? '', 'ind', 'firstLine')).toBe('640');
      expect(attr(h?.xml ?? '', 'spacing', 'lineRule')).toBe('exact');
    }
  });

  it('sets run-in leads in their heading face: （一） in 楷体 under a part, 1. in 仿宋 under a sub-topic', async () => {
    const long = (lead: string) =>
      `${lead}。${'按季度对照目标逐项推进并留存记录，'.repeat(4)}年底总结`;
    const withLeads = draftOf([
      ...yearOfAnswers(),
      answer('4', 'plans', list(long('建强执法队伍'), long('创新普法方式'))),
      answer('1.5', 'how', list(long('健全调解网络'), long('推行包案化解'))),
    ]);
    const all = paragraphs((await unzip(await toDocx(withLeads))).document);
    const plan = all.find((p) => p.text.startsWith('（一）建强执法队伍。'));
    expect(runsOf(plan?.xml ?? '').map((r) => r.eastAsia)).toEqual(['楷体_GB2312', '仿宋_GB2312']);
    const point = all.find((p) => p.text.startsWith('1.健全调解网络。'));
    expect(runsOf(point?.xml ?? '').map((r) => r.eastAsia)).toEqual(['仿宋_GB2312', '仿宋_GB2312']);
    expect(attr(point?.xml ?? '', 'ind', 'firstLine')).toBe('640');
  });

  it('lays out a list the template marks numbered as （一） paragraphs, the number in 楷体', async () => {
    const numbered = {
      ...template,
      parts: template.parts.map((part) => ({
        ...part,
        sections: part.sections.map((sec) => ({
          ...sec,
          questions: sec.questions.map((q) => (q.id === 'plans' ? { ...q, numbered: true } : q)),
        })),
      })),
    };
    const draft = composeDraft({
      template: numbered,
      report,
      answers: yearOfAnswers(),
      org: { name: '青石镇', countyName: '清河县' },
      members,
      issuedOn: '2027-01-09',
    });
    const all = paragraphs((await unzip(await toDocx(draft))).document);
    const texts = all.map((p) => p.text);
    expect(texts).toContain('（一）组织执法人员分批参加资格考试。');
    expect(texts).toContain('（三）推动村法律顾问每月到村坐班。');
    const first = all.find((p) => p.text.startsWith('（一）组织执法人员'));
    expect(runsOf(first?.xml ?? '').map((r) => r.eastAsia)).toEqual(['楷体_GB2312', '仿宋_GB2312']);
    expect(texts.join('\n')).not.toMatch(/一是组织执法人员/);
    // Without the flag the same answer is one paragraph of points.
    const plain = paragraphs((await unzip(await toDocx(draftOf()))).document).map((p) => p.text);
    expect(plain.join('\n')).toMatch(/一是组织执法人员分批参加资格考试；二是/);
  });

  it('sets figures and Latin letters in Times New Roman in every run of the body', () => {
    const runs = paras.flatMap((p) => runsOf(p.xml));
    expect(runs.length).toBeGreaterThan(20);
    for (const r of runs)
      expect(r).toMatchObject({ ascii: 'Times New Roman', hAnsi: 'Times New Roman' });
    expect(paras.some((p) => p.text.includes('调解成功率94.4%'))).toBe(true);
  });

  it('declares the same typography in the styles, as half-points and twips', () => {
    const defaults = /<w:docDefaults>.*<\/w:docDefaults>/s.exec(docx.styles)?.[0] ?? '';
    expect(attr(defaults, 'rFonts', 'eastAsia')).toBe('仿宋_GB2312');
    expect(attr(defaults, 'rFonts', 'ascii')).toBe('Times New Roman');
    expect(attr(defaults, 'sz', 'val')).toBe('32');
    expect(attr(defaults, 'spacing', 'line')).toBe('560');
    expect(attr(defaults, 'spacing', 'lineRule')).toBe('exact');
    expect(attr(defaults, 'ind', 'firstLine')).toBe('640');
    const style = (id: string) =>
      new RegExp(`<w:style [^>]*w:styleId="${id}".*?</w:style>`, 's').exec(docx.styles)?.[0] ?? '';
    expect(attr(style('Title'), 'rFonts', 'eastAsia')).toBe('方正小标宋简体');
    expect(attr(style('Title'), 'sz', 'val')).toBe('44');
    expect(attr(style('Heading1'), 'rFonts', 'eastAsia')).toBe('黑体');
    expect(attr(style('Heading2'), 'rFonts', 'eastAsia')).toBe('楷体_GB2312');
    expect(attr(style('Heading3'), 'rFonts', 'eastAsia')).toBe('仿宋_GB2312');
    for (const id of ['Heading1', 'Heading2', 'Heading3', 'Heading4']) {
      expect(attr(style(id), 'sz', 'val')).toBe('32');
      expect(style(id)).toMatch(/<w:b w:val="false"\/>/);
    }
  });

  it('gives each official face a fallback in the font table', () => {
    const alt = (name: string) =>
      new RegExp(`<w:font w:name="${name}"><w:altName w:val="([^"]+)"/>`).exec(docx.fontTable)?.[1];
    expect(alt('方正小标宋简体')).toBe('宋体');
    expect(alt('仿宋_GB2312')).toBe('仿宋');
    expect(alt('楷体_GB2312')).toBe('楷体');
    expect(alt('黑体')).toBe('SimHei');
    expect(docx.fontTable).toContain('<w:font w:name="Times New Roman">');
  });

  it('numbers pages "— 1 —" (一字线, 半角 figures) in 四号宋体, right on odd pages and left on even ones', () => {
    expect(docx.settings).toContain('<w:evenAndOddHeaders/>');
    const ref = (type: string) =>
      new RegExp(`<w:footerReference w:type="${type}" r:id="(\\w+)"/>`).exec(docx.document)?.[1];
    const target = (id?: string) =>
      new RegExp(`Id="${id}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="${id}"`).exec(docx.rels);
    const footer = (type: string) => {
      const m = target(ref(type));
      return docx.footers.get((m?.[1] ?? m?.[2]) as string) ?? '';
    };
    for (const [type, side, indent] of [
      ['default', 'right', 'right'],
      ['even', 'left', 'left'],
    ] as const) {
      const xml = footer(type);
      expect(xml, type).toContain('<w:instrText xml:space="preserve">PAGE</w:instrText>');
      expect(xml).toMatch(
        /<w:t xml:space="preserve">\u2014 <\/w:t>.*fldCharType="begin".*PAGE.*fldCharType="end".*<w:t xml:space="preserve"> \u2014<\/w:t>/s,
      );
      expect(xml).toContain('w:hint="eastAsia"');
      expect(attr(xml, 'jc', 'val')).toBe(side);
      expect(attr(xml, 'ind', indent)).toBe('280');
      for (const r of runsOf(xml))
        expect(r).toMatchObject({ eastAsia: '宋体', ascii: '宋体', size: '28' });
    }
  });

  it('closes with both bodies centred over the date, four characters from the right', () => {
    const [party, government, date] = paras.slice(-3);
    expect([party?.text, government?.text, date?.text]).toEqual([
      '中共青石镇委员会',
      '青石镇人民政府',
      '2027年1月9日',
    ]);
    for (const p of [party, government, date])
      expect(attr(p?.xml ?? '', 'jc', 'val')).toBe('right');
    expect(attr(date?.xml ?? '', 'ind', 'right')).toBe('1280');
    // 2027年1月9日 is six characters wide (figures count half), 中共青石镇委员会 eight:
    // centred over the date it stands one character further right than the date's indent.
    expect(attr(party?.xml ?? '', 'ind', 'right')).toBe(String(1280 - 320));
    expect(attr(government?.xml ?? '', 'ind', 'right')).toBe(String(1280 - 160));
  });

  it('highlights the 【待填写】 markers and keeps every paragraph of the draft', () => {
    const marker = paras.find((p) => p.text.startsWith('【待填写：权力监督与政务公开'));
    expect(runsOf(marker?.xml ?? '')[0]?.highlight).toBe('yellow');
    const texts = new Set(paras.map((p) => p.text));
    for (const part of draft.parts) {
      for (const section of part.sections) {
        for (const p of section.paragraphs) expect(texts).toContain(paragraphText(p));
      }
    }
  });
});

describe('toDocx: rendered by LibreOffice', () => {
  it('prints the whole draft on a plausible number of pages, numbered', async () => {
    const draft = draftOf();
    const pdf = await renderPdf(await toDocx(draft));
    expect(pdf.pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.pages).toBeGreaterThanOrEqual(2);
    expect(pdf.pages).toBeLessThanOrEqual(5);

    const squash = (s: string) => s.replace(/\s+/g, '');
    const text = squash(pdf.pageTexts.join(''));
    expect(text).toContain(squash(draft.title));
    expect(text).toContain('排查矛盾纠纷18起，化解矛盾纠纷17起，调解成功率94.4%');
    expect(text).toContain('【待填写：权力监督与政务公开');
    expect(text).toContain('2027年1月9日');
    pdf.pageTexts.forEach((page, i) => expect(squash(page)).toContain(`\u2014${i + 1}\u2014`));
    // 仿宋/宋体 (title, body), 黑体 (一、) and 楷体 (（一）) come out as three different faces, so a
    // page image shows the heading hierarchy (config/fontconfig/65-gbt9704-cjk.conf).
    expect(pdf.fonts.some((f) => /NotoSerifCJK/.test(f))).toBe(true);
    expect(pdf.fonts.some((f) => /NotoSansCJK/.test(f))).toBe(true);
    expect(pdf.fonts.some((f) => /UKai/.test(f))).toBe(true);
  });

  it('grows with the text: a long report takes more pages', async () => {
    const para = '各村按月排查化解，逐件登记销号，重点案件由班子成员包案跟进。'.repeat(30);
    const long = draftOf([
      ...yearOfAnswers(),
      ...['1.1', '1.4', '1.8', '5'].map((id) =>
        answer(id, id === '5' ? 'details' : 'how', { kind: 'text', text: `${para}\n${para}` }),
      ),
    ]);
    const [short, longer] = await Promise.all([
      renderPdf(await toDocx(draftOf())),
      renderPdf(await toDocx(long)),
    ]);
    expect(longer.pages).toBeGreaterThan(short.pages + 3);
    expect(longer.pages).toBeLessThan(30);
  });
});
