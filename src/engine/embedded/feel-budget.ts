import { createContext, Script } from 'node:vm';

/**
 * A FEEL evaluation is synchronous: `count(for i in 1..10000000 return i)` held the event loop
 * for 23 s and 3.5 GB. Node's vm timeout stops whatever JavaScript runs under it, feelin's
 * interpreter included, so an evaluation that may iterate runs inside one. The guard costs a
 * watchdog thread (~125 µs measured), so only expressions that can loop get it.
 */
const sandbox = createContext({ work: null as (() => unknown) | null });
const run = new Script('work()');

/** `for`, ranges, quantifiers and user-defined (possibly recursive) functions. */
const MAY_LOOP = /\bfor\b|\.\.|\bsome\b|\bevery\b|\bfunction\b/;

export class FeelBudgetExceeded extends Error {
  constructor(readonly budgetMs: number) {
    super(`it ran longer than ${budgetMs} ms (ENGINE_FEEL_BUDGET_MS)`);
  }
}

export function mayLoop(expression: string): boolean {
  return MAY_LOOP.test(expression);
}

/** Runs `work`, stopped with FeelBudgetExceeded once it has run `budgetMs`. */
export function withinBudget<T>(work: () => T, budgetMs: number): T {
  const outer = sandbox.work;
  sandbox.work = work;
  try {
    return run.runInContext(sandbox, { timeout: budgetMs }) as T;
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') {
      throw new FeelBudgetExceeded(budgetMs);
    }
    throw error;
  } finally {
    sandbox.work = outer;
  }
}
