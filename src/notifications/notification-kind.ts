/** What a notification is about; the client picks an icon and a filter by it. */
export enum NotificationKind {
  /** A legal or SLA deadline of a case is close. */
  DeadlineNear = 'deadline-near',
  /** A deadline has passed. */
  DeadlineBreached = 'deadline-breached',
  /** An open task of the recipient (or of their unit, unassigned) is due soon. */
  TaskDueSoon = 'task-due-soon',
  /** An open task of the unit is past its due date. */
  TaskOverdue = 'task-overdue',
  /** A task was assigned to the recipient. */
  TaskAssigned = 'task-assigned',
  /** The recipient became the case manager of a case. */
  CaseAssigned = 'case-assigned',
  Generic = 'generic',
}
