import { AccountsAndUnits1764190000000 } from './1764190000000-accounts-and-units';
import { Engine1764200000000 } from './1764200000000-engine';
import { JobRetryIndex1764210000000 } from './1764210000000-job-retry-index';
import { Cases1764220000000 } from './1764220000000-cases';
import { Notifications1795735080000 } from './1795735080000-notifications';
import { Tasks1795735300000 } from './1795735300000-tasks';
import { Deadlines1795735400000 } from './1795735400000-deadlines';
import { EngineMessageOutbox1795736000000 } from './1795736000000-engine-message-outbox';
import { TaskDueReminders1795736010000 } from './1795736010000-task-due-reminders';
import { ReferralDocuments1795736020000 } from './1795736020000-referral-documents';
import { CasePathRequests1795736030000 } from './1795736030000-case-path-requests';
import { DeadlineMaxExtensions1795736040000 } from './1795736040000-deadline-max-extensions';
import { Sessions1795736100000 } from './1795736100000-sessions';
import { Security1795736200000 } from './1795736200000-security';
import { CaseDecisions1795736400000 } from './1795736400000-case-decisions';
import { AdminApi1795736600000 } from './1795736600000-admin-api';
import { TaskNamesAndDrafts1795736700000 } from './1795736700000-task-names-and-drafts';
import { Hardening1795736800000 } from './1795736800000-hardening';
import { WorkerRole1795736900000 } from './1795736900000-worker-role';
import { MessageStartKeys1795737000000 } from './1795737000000-message-start-keys';
import { ReplicaClaims1795737100000 } from './1795737100000-replica-claims';
import { ZeebeExport1795737200000 } from './1795737200000-zeebe-export';
import { ElementThresholds1795737300000 } from './1795737300000-element-thresholds';
import { StaffFte1795737400000 } from './1795737400000-staff-fte';
import { FlowSummaries1795737500000 } from './1795737500000-flow-summaries';
import { UnitDuties1795737600000 } from './1795737600000-unit-duties';
import { TaskDeadlines1795737700000 } from './1795737700000-task-deadlines';

/** In order; run automatically at start. */
export const migrations = [
  AccountsAndUnits1764190000000,
  Engine1764200000000,
  JobRetryIndex1764210000000,
  Cases1764220000000,
  Notifications1795735080000,
  Tasks1795735300000,
  Deadlines1795735400000,
  EngineMessageOutbox1795736000000,
  TaskDueReminders1795736010000,
  ReferralDocuments1795736020000,
  CasePathRequests1795736030000,
  DeadlineMaxExtensions1795736040000,
  Sessions1795736100000,
  Security1795736200000,
  CaseDecisions1795736400000,
  AdminApi1795736600000,
  TaskNamesAndDrafts1795736700000,
  Hardening1795736800000,
  WorkerRole1795736900000,
  MessageStartKeys1795737000000,
  ReplicaClaims1795737100000,
  ZeebeExport1795737200000,
  ElementThresholds1795737300000,
  StaffFte1795737400000,
  FlowSummaries1795737500000,
  UnitDuties1795737600000,
  TaskDeadlines1795737700000,
];
