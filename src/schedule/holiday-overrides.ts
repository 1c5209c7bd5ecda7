import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { isIsoDate, yearOf, type IsoDate } from '../report/dates.js';

/**
 * An administrator's corrections to the working calendar, applied on top of the holiday package
 * and the estimate: for a year whose schedule is published after our package, or a local day off.
 *
 * ```yaml
 * daysOff:            # 增加的休息日
 *   - 2027-02-11
 *   - { date: 2027-02-12, note: 春节 }
 * workingDays:        # 增加的工作日（调休上班）
 *   - { date: 2027-02-20, note: 春节调休上班 }
 * publishedYears: [2027]   # 这些年份已按国务院通知录入完整安排，不再视为推算
 * ```
 */
export interface HolidayOverrides {
  /** Date → note (empty when none given). */
  readonly daysOff: ReadonlyMap<IsoDate, string>;
  readonly workingDays: ReadonlyMap<IsoDate, string>;
  /** Years whose overrides complete the official schedule: no longer reported as estimated. */
  readonly publishedYears: ReadonlySet<number>;
}

/** Where administrators keep their calendar corrections, relative to the working directory. */
export const DEFAULT_OVERRIDES_FILE = 'config/holidays.yaml';

export const NO_OVERRIDES: HolidayOverrides = {
  daysOff: new Map(),
  workingDays: new Map(),
  publishedYears: new Set(),
};

/** A bad overrides file, described for the administrator in both languages. */
export class HolidayOverridesError extends Error {
  constructor(
    /** The file as the administrator knows it, e.g. `config/holidays.yaml`. */
    readonly file: string,
    /** Where in the file: `daysOff[2].date (第 7 行)`; empty for the file as a whole. */
    readonly entry: string,
    readonly zh: string,
    readonly en: string,
  ) {
    super(`${file}${entry ? ` ${entry}` : ''}: ${en}`);
    this.name = 'HolidayOverridesError';
  }

  describe(): string {
    const where = `${this.file}${this.entry ? ` ${this.entry}` : ''}`;
    return `节假日配置错误 ${where}：${this.zh}\nHoliday overrides error ${where}: ${this.en}`;
  }
}

const BAD_DATE = '不是有效日期（应为 YYYY-MM-DD）|is not a valid date (expected YYYY-MM-DD)';

const isoDate = z
  .string({ message: BAD_DATE })
  .refine(isIsoDate, { message: BAD_DATE })
  .refine((d) => yearOf(d) >= 2000 && yearOf(d) <= 2200, {
    message: '年份超出范围（2000–2200）|year out of range (2000–2200)',
  });

// A bare date is shorthand for `{ date }`; normalising first keeps error paths precise.
const entry = z.preprocess(
  (v) => (typeof v === 'string' ? { date: v } : v),
  z.strictObject(
    { date: isoDate, note: z.string({ message: '备注应为文字|note must be text' }).optional() },
    { message: '应为日期或 { date, note }|must be a date or { date, note }' },
  ),
);

const BAD_YEAR = '应为 2000–2200 之间的年份|must be a year 2000–2200';
const year = z.number({ message: BAD_YEAR }).int(BAD_YEAR).min(2000, BAD_YEAR).max(2200, BAD_YEAR);

const schema = z
  .strictObject(
    {
      daysOff: z.array(entry, { message: '应为列表|must be a list' }).default([]),
      workingDays: z.array(entry, { message: '应为列表|must be a list' }).default([]),
      publishedYears: z
        .array(year, {
          message: '应为年份列表，例如 [2027]|must be a list of years such as [2027]',
        })
        .default([]),
    },
    {
      message:
        '应为 daysOff、workingDays、publishedYears 的映射|must be a mapping of daysOff, workingDays, publishedYears',
    },
  )
  .nullable();

/**
 * Parses the overrides file's text. Pure: the caller reads the file. `file` names it in errors.
 * Throws {@link HolidayOverridesError} naming the entry (and its line) on any problem.
 */
export function parseHolidayOverrides(
  text: string,
  file = DEFAULT_OVERRIDES_FILE,
): HolidayOverrides {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  const yamlError = doc.errors[0];
  if (yamlError) {
    const line = yamlError.linePos?.[0].line;
    throw new HolidayOverridesError(
      file,
      line ? `(第 ${line} 行 / line ${line})` : '',
      `YAML 格式错误：${withoutPosition(yamlError.message)}`,
      `invalid YAML: ${withoutPosition(yamlError.message)}`,
    );
  }
  const parsed = schema.safeParse(doc.toJS());
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    const node = deepestNode(doc, path);
    const line = node?.range ? lines.linePos(node.range[0]).line : undefined;
    const [zh, en] =
      issue.code === 'unrecognized_keys'
        ? [`不认识的键 ${issue.keys.join('、')}`, `unknown key ${issue.keys.join(', ')}`]
        : splitMessage(issue.message);
    const value = node && 'value' in node ? node.value : undefined;
    const shown = value === undefined || typeof value === 'object' ? '' : `"${String(value)}" `;
    throw new HolidayOverridesError(
      file,
      `${formatPath(path)}${line ? ` (第 ${line} 行 / line ${line})` : ''}`,
      `${shown}${zh}`,
      `${shown}${en}`,
    );
  }
  const data = parsed.data ?? { daysOff: [], workingDays: [], publishedYears: [] };
  const toMap = (items: typeof data.daysOff) => new Map(items.map((i) => [i.date, i.note ?? '']));
  const daysOff = toMap(data.daysOff);
  const workingDays = toMap(data.workingDays);
  for (const [index, { date }] of data.workingDays.entries()) {
    if (daysOff.has(date)) {
      throw new HolidayOverridesError(
        file,
        `workingDays[${index}]`,
        `${date} 同时出现在 daysOff 和 workingDays 中`,
        `${date} is listed in both daysOff and workingDays`,
      );
    }
  }
  return { daysOff, workingDays, publishedYears: new Set(data.publishedYears) };
}

interface YamlNode {
  range?: [number, number, number];
  value?: unknown;
}

/** The deepest node on `path` that exists (a bare date has no `.date` node). */
function deepestNode(
  doc: ReturnType<typeof parseDocument>,
  path: readonly (string | number)[],
): YamlNode | undefined {
  for (let n = path.length; n > 0; n--) {
    const node = doc.getIn(path.slice(0, n), true) as YamlNode | null | undefined;
    if (node?.range) return node;
  }
  return undefined;
}

function splitMessage(message: string): [string, string] {
  const bar = message.indexOf('|');
  return bar < 0 ? [message, message] : [message.slice(0, bar), message.slice(bar + 1)];
}

function formatPath(path: readonly (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/** The parser's message without its own position and excerpt (we report the line ourselves). */
function withoutPosition(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
}
