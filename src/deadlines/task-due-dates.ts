import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { changedRows } from '../database/changed-rows';
import { ENGINE_CLOCK } from '../engine/engine-clock';
import { MessageOutbox } from '../engine/message-outbox';
import { NotificationKind } from '../notifications/notification-kind';
import { NotificationsService } from '../notifications/notifications.service';
import { TasksService } from '../tasks/tasks.service';
import { romeDateOf, romeStartOfDay } from './calendar';
import { italianDate, lastDayOf, palermoCalendar } from './deadline-time';
import { coordinatorsOf, DEADLINE_BREACHED_MESSAGE, MESSAGE_TTL_MS } from './deadlines.service';

interface DueTask {
  jobKey: string;
  name: string;
  caseNumber: string;
  unitCode: string;
  assignee: string | null;
  dueAt: Date;
  createdAt: Date;
}

const BATCH = 200;
/**
 * The breach of a task due no earlier than the last day of the legal deadline it works to
 * (`deadline_id`) is that deadline's breach, escalated by DeadlinesService.escalate with the
 * law it breaks: a second notice and a second coordinators' task for it would be noise. A task
 * due before its deadline, or whose deadline has ended, escalates on its own. (Reminders stay
 * both: the task's goes to its holder and opens the task, the deadline's to the case manager.)
 */
const BREACH_IS_ITS_DEADLINES = `EXISTS (SELECT 1 FROM case_deadline d
  WHERE d.id = task.deadline_id AND d.status IN ('running', 'breached')
    AND d.due_date <= ((task.due_at - interval '1 microsecond') AT TIME ZONE 'Europe/Rome')::date)`;
const DUE_TASK_COLUMNS = `job_key::text AS "jobKey", name, case_number AS "caseNumber", unit_code AS "unitCode",
  assignee, due_at AS "dueAt", created_at AS "createdAt"`;

/**
 * Due dates of open user tasks: one reminder to the assignee (the unit's coordinators while
 * nobody holds it) when the due day is DEADLINE_REMINDER_WORKING_DAYS working days away, and
 * at breach a notification and an escalation task for the coordinators. A task born already
 * that close to its due date gets no reminder: its arrival in the tasklist is the reminder.
 */
@Injectable()
export class TaskDueDates {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationsService,
    private readonly outbox: MessageOutbox,
    private readonly config: AppConfig,
    private readonly tasks: TasksService,
    @Inject(ENGINE_CLOCK) private readonly clock: () => Date,
  ) {}

  async escalate(): Promise<{ reminded: number; overdue: number }> {
    let overdue = 0;
    for (;;) {
      const { seen, escalated } = await this.escalateOverdue();
      overdue += escalated;
      if (seen < BATCH || escalated === 0) break;
    }
    if (overdue > 0) await this.outbox.flush();
    return { reminded: await this.remind(), overdue };
  }

  private async remind(): Promise<number> {
    const now = this.clock();
    const today = romeDateOf(now);
    const days = this.config.deadlineReminderWorkingDays;
    const horizon = romeStartOfDay(palermoCalendar.addWorkingDays(today, days + 1));
    return this.dataSource.transaction(async (manager) => {
      const tasks: DueTask[] = await manager.query(
        `SELECT ${DUE_TASK_COLUMNS} FROM task
          WHERE state = 'CREATED' AND due_at IS NOT NULL AND due_at > $1 AND due_at < $2
            AND due_reminded_at IS NULL AND unit_code IS NOT NULL
          ORDER BY due_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
        [now, horizon],
      );
      let count = 0;
      for (const task of tasks) {
        const dueDay = lastDayOf(task.dueAt);
        if (palermoCalendar.workingDaysBetween(today, dueDay) > days) continue;
        const bornClose =
          palermoCalendar.workingDaysBetween(romeDateOf(task.createdAt), dueDay) <= days;
        if (!bornClose) {
          await this.notifications.notify(
            await this.holderOrCoordinators(manager, task),
            {
              kind: NotificationKind.TaskDueSoon,
              subject: `Attività in scadenza: ${task.name} (${task.caseNumber})`,
              body: `L'attività «${task.name}» della cartella ${task.caseNumber} scade il ${italianDate(dueDay)}.`,
              link: `/attivita/${task.jobKey}`,
              caseNumber: task.caseNumber,
            },
            { manager },
          );
          count += 1;
        }
        await manager.query(`UPDATE task SET due_reminded_at = $2 WHERE job_key = $1`, [
          task.jobKey,
          now,
        ]);
      }
      return count;
    });
  }

  private async escalateOverdue(): Promise<{ seen: number; escalated: number }> {
    const now = this.clock();
    // The escalation's own task is left out: it must not escalate itself.
    const late: Array<{ jobKey: string }> = await this.dataSource.query(
      `SELECT job_key::text AS "jobKey" FROM task
        WHERE state = 'CREATED' AND due_at < $1 AND overdue_escalated_at IS NULL
          AND unit_code IS NOT NULL AND case_number IS NOT NULL AND bpmn_process_id <> 'deadline-escalation'
          AND NOT ${BREACH_IS_ITS_DEADLINES}
        ORDER BY due_at LIMIT ${BATCH}`,
      [now],
    );
    if (late.length === 0) return { seen: 0, escalated: 0 };
    // A task a boundary event already ended is not late: its row may not know yet.
    await this.tasks.refresh(late.map((t) => t.jobKey));
    const escalated = await this.dataSource.transaction(async (manager) => {
      const tasks = await changedRows<DueTask>(
        manager,
        `WITH late AS (
           SELECT job_key FROM task
            WHERE job_key = ANY($2::bigint[]) AND state = 'CREATED' AND overdue_escalated_at IS NULL
            FOR UPDATE SKIP LOCKED)
         UPDATE task t SET overdue_escalated_at = $1 FROM late WHERE t.job_key = late.job_key
         RETURNING t.job_key::text AS "jobKey", t.name, t.case_number AS "caseNumber",
           t.unit_code AS "unitCode", t.assignee, t.due_at AS "dueAt", t.created_at AS "createdAt"`,
        [now, late.map((t) => t.jobKey)],
      );
      for (const task of tasks) {
        const dueDay = lastDayOf(task.dueAt);
        await this.notifications.notify(
          await coordinatorsOf(manager, task.unitCode),
          {
            kind: NotificationKind.TaskOverdue,
            subject: `Attività scaduta: ${task.name} (${task.caseNumber})`,
            body:
              `L'attività «${task.name}» della cartella ${task.caseNumber} doveva essere svolta entro il ` +
              `${italianDate(dueDay)}${task.assignee ? ` ed è in carico a ${task.assignee}` : ' e non è assegnata'}.`,
            link: `/attivita/${task.jobKey}`,
            caseNumber: task.caseNumber,
          },
          { manager },
        );
        await this.outbox.enqueue(manager, {
          name: DEADLINE_BREACHED_MESSAGE,
          correlationKey: `task-${task.jobKey}`,
          variables: {
            caseNumber: task.caseNumber,
            unitCode: task.unitCode,
            taskJobKey: task.jobKey,
            label: `Attività «${task.name}»`,
            dueDate: dueDay,
          },
          timeToLiveMs: MESSAGE_TTL_MS,
          messageId: `task-overdue-${task.jobKey}`,
        });
      }
      return tasks.length;
    });
    return { seen: late.length, escalated };
  }

  private async holderOrCoordinators(manager: EntityManager, task: DueTask): Promise<string[]> {
    if (task.assignee) {
      const [holder] = await manager.query(
        `SELECT id FROM account WHERE username = $1 AND active`,
        [task.assignee],
      );
      if (holder) return [holder.id as string];
    }
    return coordinatorsOf(manager, task.unitCode);
  }
}
