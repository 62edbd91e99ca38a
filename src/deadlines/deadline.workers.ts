import { Inject, Injectable } from '@nestjs/common';
import { ENGINE_CLOCK } from '../engine/engine.module';
import { Job } from '../engine/workers/job';
import { JobFailure } from '../engine/workers/job-errors';
import { JobWorker } from '../engine/workers/job-worker.decorator';
import { DeadlineUnit, IsoDate, isIsoDate, romeDateOf } from './calendar';
import { DEADLINE_UNITS } from './dto/deadline.dto';
import { DeadlinesService } from './deadlines.service';

interface StartHeaders {
  kind?: string;
  label?: string;
  legalBasis?: string;
  amount?: string;
  unit?: string;
  /** Name of a `YYYY-MM-DD` variable the term runs from; today in Rome when absent. */
  fromVariable?: string;
  /**
   * Name of a `YYYY-MM-DD` variable that is the due day itself, when a court order or the
   * Prefettura sets the date rather than the law a term (no amount or unit then, no roll-forward).
   */
  dueVariable?: string;
  /** `false`: a term ending on a holiday stands (same-day triage of an emergency); default true. */
  rollForward?: string;
  /** How many proroghe the law allows (the adoption inquiry: `1`); no limit when absent. */
  maxExtensions?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The service tasks a path uses for its legal deadlines:
 *
 * - `percorsi:start-deadline` — headers `kind`, `label`, `legalBasis`, `amount`, `unit`
 *   (calendarDays | workingDays | months), optional `fromVariable`; or, for a date set by an
 *   order, `dueVariable` instead of amount and unit; `rollForward` false keeps a term that
 *   ends on a holiday on that day; `maxExtensions` caps the proroghe; variable `caseId`.
 *   Completes with `deadlineId` and `deadlineDue` (ISO instant the due day ends in Rome),
 *   for a `timeDate` timer `=deadlineDue`.
 * - `percorsi:close-deadline` — variable `deadlineId`, header `outcome` met (default) | cancelled.
 *
 * Errors in the model's data fail the job with no retries (an incident an administrator sees).
 */
@Injectable()
export class DeadlineWorkers {
  constructor(
    private readonly deadlines: DeadlinesService,
    @Inject(ENGINE_CLOCK) private readonly clock: () => Date,
  ) {}

  @JobWorker({ type: 'percorsi:start-deadline' })
  async startDeadline(
    job: Job<Record<string, unknown>, StartHeaders>,
  ): Promise<{ deadlineId: string; deadlineDue: string; deadlineDueDate: string }> {
    const headers = job.customHeaders;
    const caseId = job.variables.caseId;
    if (typeof caseId !== 'string' || !UUID.test(caseId)) {
      throw permanent('la variabile caseId manca o non è un identificativo di cartella');
    }
    const kind = headers.kind?.trim();
    if (!kind) throw permanent("l'intestazione kind è obbligatoria");
    const term = headers.dueVariable
      ? {
          from: dateVariable(job.variables, headers.dueVariable),
          amount: 0,
          unit: 'calendarDays' as const,
          rollForwardIfHoliday: false,
        }
      : {
          ...legalTerm(headers),
          from: headers.fromVariable
            ? dateVariable(job.variables, headers.fromVariable)
            : romeDateOf(this.clock()),
        };
    const [found] = await this.deadlines.caseExists(caseId);
    if (!found) throw permanent('la cartella indicata da caseId non esiste');
    const started = await this.deadlines.start({
      caseId,
      kind,
      label: headers.label?.trim() || kind,
      legalBasis: headers.legalBasis?.trim() || null,
      ...term,
      maxExtensions: extensionLimit(headers.maxExtensions),
      processInstanceKey: job.processInstanceKey,
      elementId: job.elementId,
    });
    return {
      deadlineId: started.deadlineId,
      deadlineDue: started.deadlineDue,
      deadlineDueDate: started.dueDate,
    };
  }

  @JobWorker({ type: 'percorsi:close-deadline', fetchVariables: ['deadlineId'] })
  async closeDeadline(
    job: Job<{ deadlineId?: unknown }, { outcome?: string }>,
  ): Promise<{ deadlineClosed: boolean }> {
    const deadlineId = job.variables.deadlineId;
    if (typeof deadlineId !== 'string' || !UUID.test(deadlineId)) {
      throw permanent('la variabile deadlineId manca');
    }
    const outcome = job.customHeaders.outcome ?? 'met';
    if (outcome !== 'met' && outcome !== 'cancelled') {
      throw permanent("l'intestazione outcome deve essere met o cancelled");
    }
    // Closing twice (job delivered again) or after a breach changes nothing.
    return { deadlineClosed: await this.deadlines.close(deadlineId, outcome) };
  }
}

function legalTerm(headers: StartHeaders): {
  amount: number;
  unit: DeadlineUnit;
  rollForwardIfHoliday: boolean;
} {
  const amount = Number(headers.amount);
  if (!/^\d+$/.test(headers.amount?.trim() ?? '') || !Number.isSafeInteger(amount)) {
    throw permanent("l'intestazione amount deve essere un numero intero");
  }
  const unit = headers.unit as DeadlineUnit;
  if (!DEADLINE_UNITS.includes(unit)) {
    throw permanent("l'intestazione unit deve essere calendarDays, workingDays o months");
  }
  const roll = headers.rollForward?.trim() ?? 'true';
  if (roll !== 'true' && roll !== 'false') {
    throw permanent("l'intestazione rollForward deve essere true o false");
  }
  return { amount, unit, rollForwardIfHoliday: roll === 'true' };
}

function extensionLimit(header: string | undefined): number | null {
  if (header === undefined) return null;
  if (!/^\d{1,3}$/.test(header.trim())) {
    throw permanent("l'intestazione maxExtensions deve essere un numero intero");
  }
  return Number(header.trim());
}

function dateVariable(variables: Record<string, unknown>, name: string): IsoDate {
  const value = variables[name];
  const day = typeof value === 'string' ? value.slice(0, 10) : undefined;
  if (!day || !isIsoDate(day)) throw permanent(`la variabile ${name} non è una data YYYY-MM-DD`);
  return day;
}

function permanent(message: string): JobFailure {
  return new JobFailure(message, { retries: 0 });
}
