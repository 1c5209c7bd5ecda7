/** One `report-bot` subcommand. `run` returns the process exit code. */
export interface Command {
  readonly summary: string;
  readonly run: (args: string[]) => Promise<number | void>;
}
