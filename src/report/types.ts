/**
 * The report domain as plain data. Everything in `report/` and `chat/` takes and returns these
 * shapes; storage adapters map them to and from documents.
 *
 * FerretDB (and MongoDB) forbid `.` and a leading `$` in keys, and section ids look like `1.3`,
 * so per-section data is kept in arrays of records, never in objects keyed by section id.
 */

/** How a figure was hedged in the original words: 70余场次, 100多人, 94%以上, 近千人, 约3000份. */
export type Qualifier = 'over' | 'about' | 'nearly' | 'at_least' | 'at_most';

/** A figure read from Chinese text, keeping what is needed to say it back the same way. */
export interface Quantity {
  readonly value: number;
  /** The unit as written or implied by the metric: 次, 场次, 人次, 件, 份, 名, 个, 项, 起, % ... */
  readonly unit: string;
  readonly qualifier?: Qualifier;
  /** The words it was read from, for audit and for messages. */
  readonly raw: string;
  /** Written in 万 (1.2万人次, 三万人次): say it back the same way. `value` is always the full count. */
  readonly inWan?: boolean;
}

/** A metric a section expects, as declared in a template. */
export interface Metric {
  readonly key: string;
  readonly name: string;
  readonly unit: string;
  readonly type: 'integer' | 'percent' | 'decimal';
  readonly min?: number;
  readonly max?: number;
  /**
   * How the report says a bare figure of this metric, with `{n}` where the figure goes and the
   * unit right after it: `召开法治建设专题会议{n}次`. The composer puts the figure in with its
   * qualifier (70余场次, 94%以上); a figure is never set after a bare label.
   */
  readonly phrase?: string;
  /**
   * How the report says an exact zero of this metric, as a clause without a figure:
   * `未发生行政复议和行政诉讼案件`. Without it a zero is said in the phrase (办理行政执法案件0件);
   * never as 无 + the metric's name.
   */
  readonly zero?: string;
}

/** A relation between a section's metrics that answers must respect. */
export type MetricRelation =
  | {
      readonly kind: 'lte';
      /** e.g. resolved */ readonly left: string;
      /** e.g. found */ readonly right: string;
    }
  | {
      readonly kind: 'rate';
      /** the percent metric, e.g. resolution rate */ readonly rate: string;
      readonly numerator: string;
      readonly denominator: string;
    };

export type QuestionKind = 'text' | 'list' | 'number' | 'yesno';

export interface Question {
  /** Unique within its section: `q1`, `study_sessions`, ... */
  readonly id: string;
  readonly prompt: string;
  readonly kind: QuestionKind;
  /** For kind `number`: the metric it fills. */
  readonly metric?: string;
  readonly optional?: boolean;
  /** A short hint shown with the prompt or after an invalid answer. */
  readonly hint?: string;
  /**
   * For kinds `list` and `text`: the points are drafted as numbered paragraphs at the next
   * heading level (（一）… / 1.…) rather than as 一是……；二是……。 inside one paragraph.
   */
  readonly numbered?: boolean;
}

/**
 * Which of the five required parts a part is (domain.md §1), or the `opening`: the optional
 * part 0 whose answers become the report's opening paragraph, before the formula sentence.
 */
export type PartRole =
  'opening' | 'measures' | 'shortcomings' | 'first_responsible' | 'plans' | 'other';

/** The unit of assignment and answering: a sub-topic of part 一, or a whole part 二..五. */
export interface Section {
  /** `0` (the opening), `1.1` … `1.8`, `2`, `3`, `4`, `5`. */
  readonly id: string;
  /** 1-based part number (一 = 1); 0 for the opening. */
  readonly part: number;
  readonly heading: string;
  /** A few characters for lists on a phone (进度): 矛盾纠纷化解. Absent: the heading is short. */
  readonly short?: string;
  /** Words a user may use to refer to this section: 矛盾纠纷, 普法 ... */
  readonly keywords: readonly string[];
  readonly questions: readonly Question[];
  readonly metrics: readonly Metric[];
  readonly relations: readonly MetricRelation[];
  /** Suggested length of the written part, in characters. */
  readonly suggestedLength?: { readonly min: number; readonly max: number };
  /** Example phrasing we wrote ourselves, shown on request. */
  readonly example?: string;
}

export interface Part {
  readonly no: number;
  readonly role: PartRole;
  readonly heading: string;
  readonly sections: readonly Section[];
}

export interface Template {
  readonly id: string;
  readonly version: number;
  readonly name: string;
  readonly orgKind: 'township' | 'department' | 'county';
  /** e.g. `{org}{year}年法治政府建设情况报告`. */
  readonly titlePattern: string;
  /** Whether the report is issued jointly by the Party committee and the government. */
  readonly joint: boolean;
  /** e.g. `{county}委、{county}人民政府：`; may be empty. */
  readonly addresseePattern: string;
  readonly parts: readonly Part[];
}

/** The kind of office that writes a report: 镇, 乡, 街道 or 县直部门 (see office.ts). */
export type OfficeKind = 'town' | 'xiang' | 'subdistrict' | 'department';

export type SectionStatus = 'todo' | 'in_progress' | 'done' | 'skipped';

export interface SectionState {
  readonly sectionId: string;
  readonly assignee?: string;
  readonly status: SectionStatus;
  readonly updatedAt?: Date;
  readonly updatedBy?: string;
}

export interface Report {
  readonly id: string;
  readonly orgId: string;
  readonly orgName: string;
  /** The year the report covers (N); it is written in N+1. */
  readonly year: number;
  readonly templateId: string;
  readonly templateVersion: number;
  readonly title: string;
  /** Calendar date `YYYY-MM-DD` in Asia/Shanghai. */
  readonly deadline: string;
  readonly adminUserid: string;
  readonly sections: readonly SectionState[];
  readonly createdAt: Date;
  /** 镇, 乡, 街道 or 县直部门; absent on older reports, then read from the org's name. */
  readonly office?: OfficeKind;
  /** The 主送机关 line without its colon (`清河县委、清河县人民政府`); absent: from the template. */
  readonly addressee?: string;
  /** Who signs (落款): `joint` (党委 + 政府) or `single` (政府 or the office alone); absent: the template's. */
  readonly signing?: Signing;
}

export type Signing = 'joint' | 'single';

export type AnswerValue =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'list'; readonly items: readonly string[] }
  | {
      readonly kind: 'number';
      readonly quantity: Quantity;
      /**
       * Read from the words of another answer of the section (a paragraph pasted for the whole
       * section): that answer's question id. The draft says the figure there, not twice.
       */
      readonly statedIn?: string;
    }
  | { readonly kind: 'yesno'; readonly yes: boolean; readonly note?: string }
  | { readonly kind: 'skipped' };

/** One saved answer. Answers are append-only: the newest per question is the current one. */
export interface Answer {
  readonly reportId: string;
  readonly sectionId: string;
  readonly questionId: string;
  readonly raw: string;
  readonly value: AnswerValue;
  readonly userid: string;
  readonly at: Date;
  /** Set on an answer that withdraws the previous one (`撤销`). */
  readonly retracts?: boolean;
}

export type Role = 'admin' | 'official' | 'leader';

export interface Member {
  readonly orgId: string;
  readonly userid: string;
  readonly roles: readonly Role[];
  readonly name?: string;
}

export interface Org {
  readonly id: string;
  readonly name: string;
  readonly kind: 'township' | 'department' | 'county';
  readonly parentId?: string;
  readonly chatIds: readonly string[];
  /** Whether a group push webhook is configured; the key itself never leaves the store layer. */
  readonly hasWebhook: boolean;
}
