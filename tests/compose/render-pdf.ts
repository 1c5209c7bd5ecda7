/**
 * Renders a .docx to PDF with LibreOffice (headless) and reads it back with poppler-utils, so a
 * test can see the pages a reader would. CI installs libreoffice-writer, poppler-utils and
 * fonts-noto-cjk (without a CJK font the Chinese text would not render).
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
    return { pages, pageTexts, pdf: await readFile(pdfPath) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
