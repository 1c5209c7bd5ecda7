import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  checkReport,
  findingsToJson,
  formatFindings,
  hasErrors,
  RULES,
} from '../../report/check/index.js';
import { loadCheckReferences } from '../../store/check-references.js';
import type { Command } from '../command.js';

const USAGE = [
  '用法 / usage: report-bot check <报告文件 file.txt|.md|.docx> [--json] [--year <年度>]',
  '',
  '  --json         以 JSON 输出 / print {"findings":[…]}',
  '  --year <年度>  报告所属年度，默认取标题中的年份 / reporting year (default: from the title)',
  '  --rules        列出检查规则 / list the rules',
  '',
  '退出码 / exit: 0 无错误 no errors, 1 有错误 errors found, 2 用法或读取错误 usage or unreadable file',
].join('\n');

const SUPPORTED = new Set(['.txt', '.md', '.markdown', '.docx']);

/** A failure the operator can fix: a Chinese message and its English twin, exit code 2. */
class UsageError extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
    /** False when the command was right and the file was not: no need to repeat the usage. */
    readonly showUsage = true,
  ) {
    super(en);
  }
}

interface Args {
  readonly file?: string;
  readonly json: boolean;
  readonly year?: number;
  readonly help: boolean;
  readonly rules: boolean;
}

function parseArgs(argv: readonly string[]): Args {
  let file: string | undefined;
  let json = false;
  let year: number | undefined;
  let help = false;
  let rules = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '--json') json = true;
    else if (a === '--help' || a === '-h') help = true;
    else if (a === '--rules') rules = true;
    else if (a === '--year' || a.startsWith('--year=')) {
      const v = a === '--year' ? argv[++i] : a.slice('--year='.length);
      if (!v || !/^20\d\d$/.test(v)) {
        throw new UsageError(
          `--year 需要四位年份，如 2025：${v ?? ''}`,
          `--year needs a year such as 2025: ${v ?? ''}`,
        );
      }
      year = Number(v);
    } else if (a.startsWith('-')) {
      throw new UsageError(`未知选项：${a}`, `unknown option: ${a}`);
    } else if (file === undefined) file = a;
    else
      throw new UsageError(
        `只能检查一个文件，多余的参数：${a}`,
        `only one file at a time, extra argument: ${a}`,
      );
  }
  return {
    json,
    help,
    rules,
    ...(file !== undefined ? { file } : {}),
    ...(year !== undefined ? { year } : {}),
  };
}

/** The report's text, one paragraph per line (see `docxText` for a .docx). */
export async function readReportFile(file: string): Promise<string> {
  const ext = path.extname(file).toLowerCase();
  if (!SUPPORTED.has(ext)) {
    throw new UsageError(
      `不支持的文件类型“${ext || '无扩展名'}”，请提供 .txt、.md 或 .docx 文件`,
      `unsupported file type "${ext || '(none)'}": give a .txt, .md or .docx file`,
    );
  }
  try {
    if (ext === '.docx') {
      // Loaded only for a .docx: mammoth costs more start-up time than the whole check of a .txt.
      const { docxText } = await import('../../report/import/docx-text.js');
      return await docxText(await readFile(file));
    }
    return (await readFile(file, 'utf8')).replace(/^\uFEFF/, '');
  } catch (err) {
    const reason =
      err && typeof err === 'object' && 'code' in err && typeof err.code === 'string'
        ? err.code
        : ext === '.docx'
          ? 'not a readable .docx'
          : 'read failed';
    throw new UsageError(`无法读取文件：${file}`, `cannot read file: ${file} (${reason})`, false);
  }
}

export const command: Command = {
  summary: '检查报告文本 / check a report (.txt/.md/.docx): parts, headings, years, figures',
  run: async (argv) => {
    try {
      const args = parseArgs(argv);
      if (args.help) {
        console.log(USAGE);
        return 0;
      }
      if (args.rules) {
        for (const r of RULES) console.log(`${r.name}（${r.id}）：${r.description}`);
        return 0;
      }
      if (args.file === undefined)
        throw new UsageError('缺少要检查的文件', 'missing the file to check');
      const text = await readReportFile(args.file);
      const references = loadCheckReferences();
      const findings = checkReport(text, {
        references,
        ...(args.year !== undefined ? { year: args.year } : {}),
      });
      console.log(args.json ? findingsToJson(findings) : formatFindings(findings));
      return hasErrors(findings) ? 1 : 0;
    } catch (err) {
      if (err instanceof UsageError) {
        console.error(
          err.showUsage ? `${err.zh} / ${err.en}\n\n${USAGE}` : `${err.zh} / ${err.en}`,
        );
        return 2;
      }
      throw err;
    }
  },
};
