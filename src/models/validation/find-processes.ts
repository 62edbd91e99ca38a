import type { ModdleElement } from 'bpmn-moddle';
import type { DeployableProcess, ValidationProblem, ValidationWarning } from './validation-result';
import type { XmlPositions } from './xml-positions';

export interface FoundProcesses {
  processes: DeployableProcess[];
  problems: ValidationProblem[];
  warnings: ValidationWarning[];
}

/**
 * The executable processes a deployment will create. Zeebe deploys only
 * processes with `isExecutable="true"` (an absent attribute means false) and
 * refuses a file that has none. Non-executable processes next to executable
 * ones (a pool drawn for the citizen, say) are kept, with a warning.
 */
export function findProcesses(definitions: ModdleElement, positions: XmlPositions): FoundProcesses {
  const rootElements = (definitions.get('rootElements') ?? []) as ModdleElement[];
  const all = rootElements.filter((element) => element.$instanceOf('bpmn:Process'));
  const executable = all.filter((process) => process.get('isExecutable') === true);
  const idle = all.filter((process) => process.get('isExecutable') !== true);

  if (all.length === 0) {
    return {
      processes: [],
      problems: [
        {
          code: 'NO_EXECUTABLE_PROCESS',
          message: 'Il modello non contiene alcun processo da eseguire.',
        },
      ],
      warnings: [],
    };
  }

  if (executable.length === 0) {
    return {
      processes: [],
      problems: idle.map((process) => ({
        code: 'NO_EXECUTABLE_PROCESS',
        message: `Il processo ${labelOf(process)} non è eseguibile e il modello non ne contiene altri: in Camunda Modeler attiva l'opzione «Executable» del processo.`,
        elementId: process.id,
        ...positionOf(process, positions),
      })),
      warnings: [],
    };
  }

  const anonymous = executable.filter((process) => !process.id);
  if (anonymous.length) {
    return {
      processes: [],
      problems: anonymous.map(() => ({
        code: 'MODEL_INVALID',
        message: 'Un processo eseguibile non ha un identificativo (id): serve per avviarlo.',
      })),
      warnings: [],
    };
  }

  return {
    processes: executable.map((process) => ({
      bpmnProcessId: process.id as string,
      name: typeof process.name === 'string' && process.name.trim() ? process.name : null,
    })),
    problems: [],
    warnings: idle.map((process) => ({
      code: 'PROCESS_NOT_EXECUTABLE',
      message: `Il processo ${labelOf(process)} non è eseguibile: resterà nel modello come documentazione, ma non si potrà avviare.`,
      elementId: process.id,
      ...positionOf(process, positions),
    })),
  };
}

function labelOf(process: ModdleElement): string {
  const name = typeof process.name === 'string' ? process.name.trim() : '';
  return name ? `«${name}» (${process.id})` : `«${process.id}»`;
}

function positionOf(process: ModdleElement, positions: XmlPositions) {
  return process.id ? positions.ofElementId(process.id) : undefined;
}
