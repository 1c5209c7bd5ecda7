/**
 * The 主送机关 and the 落款, settled at `新建` in as few turns as possible: written on the `新建`
 * line itself (`… 主送 清河县委、清河县人民政府 落款 单独`), or else asked in ONE question right
 * after the report is made, answered in one message (好 keeps the defaults). Any other command
 * drops the question and keeps the defaults; `设置主送` / `设置落款` change them later.
 */
import { OFFICE_KIND_NAMES } from '../report/office.js';
import type { OfficeKind, Report, Signing, Template } from '../report/types.js';
import type { FrontMatterPending } from './dialog-state.js';
import {
  defaultAddressee,
  readAddressee,
  readSigning,
  signingOptions,
  type SigningOption,
} from './format-commands.js';
import { normalize } from './normalize.js';
import type { Session } from './session.js';
import { frontMatterTexts } from './texts/front-matter.js';

/** What a message said about the front matter; absent fields were not mentioned. */
export interface FrontMatterWords {
  readonly addressee?: string;
  readonly signing?: Signing;
}

const ADDRESSEE_CLAUSE = /主送(?:机关)?(?:改为|为|是)?[:：\s]*(.*?)\s*(?=落款|截止|截至|$)/u;
const SIGNING_CLAUSE = /落款(?:改为|为|是|用)?[:：\s]*([^\s,，。；;]{0,12})/u;

/**
 * Takes the `主送 …` and `落款 …` clauses out of a line (the rest is returned for the other
 * readers). An error text when a clause is there but cannot be read.
 */
export function takeFrontMatterClauses(
  line: string,
  options: readonly SigningOption[] | undefined,
): { rest: string; words: FrontMatterWords; error?: string } {
  let rest = line;
  let addressee: string | undefined;
  let signing: Signing | undefined;
  let error: string | undefined;
  const s = SIGNING_CLAUSE.exec(rest);
  if (s) {
    rest = `${rest.slice(0, s.index)} ${rest.slice(s.index + s[0].length)}`;
    const word = s[1] ?? '';
    signing = /^[12]$/.test(word)
      ? options?.[Number(word) - 1]?.signing
      : word
        ? readSigning(word, options ?? [])
        : undefined;
    if (!signing) error = frontMatterTexts.signingUnreadable;
  }
  const a = ADDRESSEE_CLAUSE.exec(rest);
  if (a) {
    rest = `${rest.slice(0, a.index)} ${rest.slice(a.index + a[0].length)}`;
    const read = readAddressee(a[1] ?? '', undefined);
    if ('error' in read) error ??= read.error;
    else addressee = read.addressee;
  }
  return {
    rest: rest.replace(/\s+/g, ' ').trim(),
    words: {
      ...(addressee !== undefined ? { addressee } : {}),
      ...(signing ? { signing } : {}),
    },
    ...(error ? { error } : {}),
  };
}

/** What the draft will say up front by default, and the one question that settles it. */
export function frontMatterLines(
  template: Template,
  report: Report,
  countyName: string | undefined,
  asking: boolean,
): string[] {
  const office = report.office ?? 'town';
  const addressee = report.addressee ?? defaultAddressee(template, countyName);
  const options = signingOptions(template, report.orgName, office);
  const signing = options.find((o) => o.signing === report.signing) ?? options[0];
  const other =
    signing?.signing === 'joint' ? frontMatterTexts.singleWord : frontMatterTexts.jointWord;
  const lines = [
    // The example names another kind, never 镇 to a 街道 or a 乡.
    frontMatterTexts.officeLine(
      OFFICE_KIND_NAMES[office],
      OFFICE_KIND_NAMES[office === 'subdistrict' ? 'xiang' : 'subdistrict'],
    ),
    addressee
      ? frontMatterTexts.addresseeLine(addressee)
      : report.addressee === ''
        ? frontMatterTexts.addresseeNone
        : frontMatterTexts.addresseeUnset,
    frontMatterTexts.signingLine(signing?.text ?? ''),
  ];
  if (!asking) {
    return [...lines, frontMatterTexts.howToChange];
  }
  return [...lines, frontMatterTexts.askFrontMatter(other)];
}

/** Whether `新建` still has to ask: only what the line did not already say. */
export function needsFrontMatterQuestion(words: FrontMatterWords): boolean {
  return words.addressee === undefined || words.signing === undefined;
}

const TAKE_DEFAULT =
  /^(?:1|好|好的|行|可以|是|是的|对|对的|没问题|默认|用默认|按默认|确认|确定|就这样|ok)[。.!！]?$/i;

/**
 * Reads the answer to the question: 好 keeps everything; otherwise `主送 …`, `落款 …`, a bare
 * 联合/单独, 无 (no 主送机关) or the 主送机关's name alone.
 */
export function readFrontMatterAnswer(
  answer: string,
  options: readonly SigningOption[],
): { words: FrontMatterWords } | { error: string } {
  const a = normalize(answer).trim();
  if (TAKE_DEFAULT.test(a)) return { words: {} };
  if (/主送|落款/.test(a)) {
    const taken = takeFrontMatterClauses(a, options);
    if (taken.error) return { error: taken.error };
    return { words: taken.words };
  }
  if (/^(?:联合|单独)(?:落款)?$/.test(a)) {
    const signing = readSigning(a, options);
    return signing ? { words: { signing } } : { error: frontMatterTexts.signingJointOrSingle };
  }
  const read = readAddressee(a, undefined);
  return 'error' in read ? { error: read.error } : { words: { addressee: read.addressee } };
}

/** Writes what was chosen onto the report (nothing when the defaults stand). */
export function applyFrontMatter(s: Session, reportId: string, words: FrontMatterWords): void {
  if (words.addressee === undefined && words.signing === undefined) return;
  s.emit({
    op: 'setReportFormat',
    reportId,
    ...(words.addressee !== undefined ? { addressee: words.addressee } : {}),
    ...(words.signing ? { signing: words.signing } : {}),
    by: s.userid,
    at: s.now,
  });
}

/** The admin's reply to the one question after `新建`. */
export function answerFrontMatter(s: Session, pending: FrontMatterPending, text: string): void {
  const ws = s.workspace();
  if (!ws || ws.report.id !== pending.reportId) {
    s.pending = undefined;
    s.say(frontMatterTexts.reportChanged);
    return;
  }
  const office: OfficeKind = ws.report.office ?? 'town';
  const options = signingOptions(ws.template, ws.report.orgName, office);
  const read = readFrontMatterAnswer(text, options);
  if ('error' in read) {
    const attempts = pending.attempts + 1;
    // Twice not understood: keep the defaults rather than hold the admin in a question.
    if (attempts >= 2) {
      s.pending = undefined;
      s.say(frontMatterTexts.keptDefaults(read.error));
      return;
    }
    s.pending = { ...pending, attempts };
    s.say(frontMatterTexts.askAgain(read.error));
    return;
  }
  s.pending = undefined;
  applyFrontMatter(s, ws.report.id, read.words);
  const after = s.workspace() ?? ws;
  const lines = frontMatterLines(after.template, after.report, after.scope.countyName, false);
  s.say(frontMatterTexts.settled(lines.slice(1, 3).join('\n')));
}
