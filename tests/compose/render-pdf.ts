/**
 * Renders a .docx to PDF with LibreOffice (headless) and reads it back with poppler-utils, so a
 * test can see the pages a reader would. CI installs libreoffice-writer, poppler-utils,
 * fonts-noto-cjk and fonts-arphic-ukai (without a CJK font the Chinese text would not render), and
 * config/fontconfig/65-gbt9704-cjk.conf maps 宋体/仿宋, 黑体 and 楷体 to three of them.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface RenderedPdf {
  readonly pages: number;
  /** The text of each page, as pdftotext reads it. */
  readonly pageTexts: readonly string[];
  readonly pdf: Buffer;
  /** The base names of the fonts embedded in the PDF (subset prefixes removed), as pdffonts lists them. */
  readonly fonts: readonly string[];
}

export async function renderPdf(docx: Buffer): Promise<RenderedPdf> {
  const dir = await mkdtemp(join(tmpdir(), 'draft-pdf-'));
  try {
    const input = join(dir, 'draft.docx');
    await writeFile(input, docx);
    // A private profile, so parallel runs (and a desktop LibreOffice) do not lock each other out.
    const profile = pathToFileURL(join(dir, 'profile')).href;
    await run(
      'soffice',
      [
        `-env:UserInstallation=${profile}`,
        '--headless',
        '--norestore',
        '--convert-to',
        'pdf',
        '--outdir',
        dir,
        input,
      ],
      { timeout: 120_000 },
    );
    const pdfPath = join(dir, 'draft.pdf');
    const info = await run('pdfinfo', [pdfPath]);
    const pages = Number(/^Pages:\s+(\d+)/m.exec(info.stdout)?.[1] ?? NaN);
    const text = await run('pdftotext', ['-enc', 'UTF-8', pdfPath, '-'], {
      maxBuffer: 16 * 1024 * 1024,
    });
    // pdftotext ends each page with a form feed.
    const pageTexts = text.stdout.split('\f').slice(0, pages);
    const listed = await run('pdffonts', [pdfPath]);
    const fonts = listed.stdout
      .split('\n')
      .slice(2)
      .map((line) => (line.split(/\s+/)[0] ?? '').replace(/^[A-Z]{6}\+/, ''))
      .filter(Boolean);
    return { pages, pageTexts, pdf: await readFile(pdfPath), fonts };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
