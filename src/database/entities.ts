import { Account } from '../auth/entities/account.entity';
import { TerritorialUnit } from '../auth/entities/territorial-unit.entity';

import { AccessLogEntry } from '../audit/access-log.entity';
import { CaseDecision } from '../cases/entities/case-decision.entity';
import { CaseGrant } from '../cases/entities/case-grant.entity';
import { CaseDocument } from '../cases/entities/case-document.entity';
import { CaseManagerAssignment } from '../cases/entities/case-manager-assignment.entity';
import { CasePath } from '../cases/entities/case-path.entity';
import { DiaryEntry } from '../cases/entities/diary-entry.entity';
import { HouseholdMember } from '../cases/entities/household-member.entity';
import { Household } from '../cases/entities/household.entity';
import { Person } from '../cases/entities/person.entity';
import { Referral } from '../cases/entities/referral.entity';
import { SocialCase } from '../cases/entities/social-case.entity';
import { CaseDeadline } from '../deadlines/entities/case-deadline.entity';
import { DeadlineExtension } from '../deadlines/entities/deadline-extension.entity';
import { FormDefinition } from '../models/forms/form-definition.entity';
import { NotificationEmail } from '../notifications/entities/notification-email.entity';
import { Notification } from '../notifications/entities/notification.entity';
import { UnitPopulation } from '../stats/unit-population.entity';
import { TaskFilter } from '../tasks/entities/task-filter.entity';
import { Task } from '../tasks/entities/task.entity';

/** Every entity of the application, for the data source and the migration CLI. */
export const entities = [
  TerritorialUnit,
  Account,
  Person,
  Household,
  HouseholdMember,
  SocialCase,
  CasePath,
  Referral,
  DiaryEntry,
  CaseDocument,
  AccessLogEntry,
  Notification,
  NotificationEmail,
  Task,
  TaskFilter,
  CaseDeadline,
  DeadlineExtension,
  CaseGrant,
  UnitPopulation,
  CaseDecision,
  CaseManagerAssignment,
  FormDefinition,
];
