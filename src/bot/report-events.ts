import type { Operation } from '../chat/operations.js';

/** What else must follow when a turn changed a report (the reminder schedule, mostly). */
export interface ReportEvents {
  /** The report's deadline, sections or assignees changed: re-plan its reminders. */
  changed(reportId: string): Promise<unknown>;
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
