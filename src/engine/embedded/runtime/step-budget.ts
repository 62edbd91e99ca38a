import { Effects } from '../types';
import { IncidentError } from './job-spec';

/**
 * Elements a command may go through before a token reaches a wait state. bpmn-engine takes
 * each flow by a nested call: a loop without a wait overflowed the stack after about 1,100
 * activations (1.5 s, 780 MB measured); every wait state unwinds that nesting.
 */
export const DEFAULT_MAX_STEPS_WITHOUT_WAIT = 500;
/** How long one command may run: /api/health must still answer within a second. */
export const DEFAULT_COMMAND_BUDGET_MS = 500;

/**
 * The process's CPU time in ms. Wall time would also count the time the OS gave the CPU to
 * other processes: on a loaded 2-core CI machine an ordinary path's command went past 500 ms
 * of wall time and was held as if it looped.
 */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** The budget of the command is spent: the element holds (see StepBudget). */
export class BudgetSpent extends IncidentError {}

/**
 * A command runs synchronously until every token waits; a model whose flows loop without a
 * task, timer or message never gets there, and a multi-instance of a thousand sub-processes
 * that wait for nothing held the event loop 4 s. Once either bound is passed, the element
 * being activated holds with an incident, and every element the rest of the command
 * activates holds behind that one incident (not one incident each): retrying it goes on
 * from where they stopped with a fresh budget, or the administrator cancels the instance.
 */
export class StepBudget {
  private stepsWithoutWait = 0;
  private waitsSeen = 0;
  private startedAt: number | null = null;
  /** The incident the budget was spent on in this command: later activations hold behind it. */
  heldBy: string | null = null;

  constructor(
    private readonly maxStepsWithoutWait = DEFAULT_MAX_STEPS_WITHOUT_WAIT,
    private readonly maxMs = DEFAULT_COMMAND_BUDGET_MS,
  ) {}

  /** Called when a command's effects are taken: the next command starts afresh. */
  reset(): void {
    this.stepsWithoutWait = 0;
    this.waitsSeen = 0;
    this.startedAt = null;
    this.heldBy = null;
  }

  /** One more element activation in the command producing `effects`; throws once the budget is spent. */
  spend(effects: Effects): void {
    const now = cpuMs();
    // The first activation of a command starts its clock; the budget is checked from the next.
    const first = this.startedAt === null;
    this.startedAt ??= now;
    const waits =
      effects.jobsCreated.length +
      effects.timersCreated.length +
      effects.subscriptionsOpened.length +
      effects.callActivitiesStarted.length;
    if (waits !== this.waitsSeen) {
      this.waitsSeen = waits;
      this.stepsWithoutWait = 0;
    }
    this.stepsWithoutWait += 1;
    if (this.stepsWithoutWait > this.maxStepsWithoutWait) {
      throw new BudgetSpent(
        'UNKNOWN',
        `The process went through more than ${this.maxStepsWithoutWait} elements without reaching a task, timer or message: check the model for a loop without a wait state (ENGINE_MAX_STEPS_WITHOUT_WAIT)`,
      );
    }
    if (!first && now - this.startedAt >= this.maxMs) {
      throw new BudgetSpent(
        'UNKNOWN',
        `One step of the process used more than ${this.maxMs} ms of processor time (ENGINE_COMMAND_BUDGET_MS)`,
      );
    }
  }
}
