/**
 * What a benchmark module exports as its default: a name and a `run` that measures, within fixed
 * bounds of count and time, and reports a markdown section for `docs/benchmarks.md`.
 */
export interface Bench {
  readonly name: string;
  run(): Promise<BenchReport>;
}

export interface BenchReport {
  /** Markdown (tables, notes) placed under the bench's heading in docs/benchmarks.md. */
  readonly markdown: string;
  /** Whether the bench's own targets were met; the runner exits non-zero when any was not. */
  readonly ok: boolean;
}
