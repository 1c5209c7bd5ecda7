import type { ParsedReport } from '../import/parse.js';
import type { CheckReferences } from './reference-data.js';

/** Stable rule ids: tools and tests key on them, so never rename one. */
export type RuleId =
  | 'missing-part'
  | 'heading-sequence'
  | 'placeholder'
  | 'year-mismatch'
  | 'number-inconsistent'
  | 'empty-part'
  | 'reference'
  | 'text';

export type Severity = 'error' | 'warning' | 'info';

export interface Finding {
  readonly rule: RuleId;
  readonly severity: Severity;
  /** Simplified Chinese, for the people writing the report. */
  readonly message: string;
  /** 1-based line number in the checked text. */
  readonly line: number;
}

export interface CheckOptions {
  /** The year the report covers; when absent it is read from the title. */
  readonly year?: number;
  /** Curated citations (config/check-references.yaml); without them the reference rule is idle. */
  readonly references?: CheckReferences;
}

/** What every rule gets: the text read once into structure, and the resolved options. */
export interface CheckContext {
  readonly report: ParsedReport;
  /** The reporting year: options.year, else the title's year, else undefined. */
  readonly year?: number;
  readonly options: CheckOptions;
}

export interface Rule {
  readonly id: RuleId;
  /** Short Chinese name shown in plain output instead of the id (标题编号, 数字). */
  readonly name: string;
  /** One line on what the rule looks for, in Chinese, for `report-bot check --rules` and help. */
  readonly description: string;
  readonly run: (ctx: CheckContext) => Finding[];
}
