import { Effects } from '../types';
import { IncidentError } from './job-spec';

/**
 * Elements one command may activate. Measured here: ~0.9 ms an activation in a multi-instance
 * of sub-processes, and writing their events to PGlite (in process) about as much again; with
 * 500 a command held /api/health 1,036 ms, so 200. A case path's command activates a few dozen. And bpmn-engine takes each flow by a nested
 * call: a loop without a wait state overflowed the stack after ~1,100 activations (1.5 s,
 * 780 MB). Counted, not timed: a time budget tripped on ordinary commands when a loaded CI
 * machine gave the CPU to other processes (wall time), or when the thread pool hashed
 * passwords meanwhile (process CPU time).
 */
export const DEFAULT_MAX_STEPS_PER_COMMAND = 200;

/** The budget of the command is spent: the element holds (see StepBudget). */
export class BudgetSpent extends IncidentError {}

/**
 * A command runs synchronously until every token waits; a model whose flows loop without a
 * task, timer or message never gets there, and a multi-instance of a thousand sub-processes
 * that wait for nothing held the event loop 4 s. Past the budget the element being activated
 * holds with an incident, and every element the rest of the command activates holds behind
 * that one incident (not one incident each): retrying it goes on from where they stopped with
 * a fresh budget, or the administrator cancels the instance.
 */
export class StepBudget {
  private steps = 0;
  private waited = false;
  /** The incident the budget was spent on in this command: later activations hold behind it. */
  heldBy: string | null = null;

  constructor(private readonly maxSteps = DEFAULT_MAX_STEPS_PER_COMMAND) {}

  /** Called when a command's effects are taken: the next command starts afresh. */
  reset(): void {
    this.steps = 0;
    this.waited = false;
    this.heldBy = null;
  }

  /** One more element activation in the command producing `effects`; throws once the budget is spent. */
  spend(effects: Effects): void {
    this.waited ||=
      effects.jobsCreated.length +
        effects.timersCreated.length +
        effects.subscriptionsOpened.length +
        effects.callActivitiesStarted.length >
      0;
    this.steps += 1;
    if (this.steps <= this.maxSteps) return;
    throw new BudgetSpent(
      'UNKNOWN',
      this.waited
        ? `One step of the process activated more than ${this.maxSteps} elements; retry the incident to go on (ENGINE_MAX_STEPS_PER_COMMAND)`
        : `One step of the process went through more than ${this.maxSteps} elements without reaching a task, timer or message: if the model loops without a wait state it will not end; retry the incident to go on (ENGINE_MAX_STEPS_PER_COMMAND)`,
    );
  }
}
