import type { Operation } from '../chat/operations.js';

/** What else must follow when a turn changed a report (the reminder schedule, mostly). */
export interface ReportEvents {
  /** The report's deadline, sections or assignees changed: re-plan its reminders. */
  changed(reportId: string): Promise<unknown>;
  /**
   * An admin resumed the report's reminders: plan from now on, without sending what was missed
   * while they were paused (pausing needs nothing more: the runner reads the flag before sending).
   */
  resumed?(reportId: string): Promise<unknown>;
}

/** The reports whose reminders a turn resumed. */
export function resumedReports(ops: readonly Operation[]): string[] {
  return [
    ...new Set(
      ops.flatMap((op) => (op.op === 'setRemindersPaused' && !op.paused ? [op.reportId] : [])),
    ),
  ];
}

/** The reports a turn's operations changed in a way reminders care about, each once. */
export function changedReports(ops: readonly Operation[]): string[] {
  const ids = new Set<string>();
  for (const op of ops) {
    switch (op.op) {
      case 'createReport':
        ids.add(op.report.id);
        break;
      case 'setDeadline':
      case 'assignSection':
      case 'claimSection':
      case 'setSectionStatus':
        ids.add(op.reportId);
        break;
      default:
        break;
    }
  }
  return [...ids];
}
