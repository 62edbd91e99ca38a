/**
 * The unit's own duties that run as processes (not a person's case): the value the API takes →
 * the BPMN process id, shipped as bpmn/paths/<id>.bpmn. Started by the unit's coordinator.
 */
export const UNIT_DUTY_PROCESS_IDS = {
  network: 'rete-territoriale',
  fundedProject: 'progetti-finanziati',
  studentPlacement: 'tirocinio-universitario',
} as const;

export type UnitDuty = keyof typeof UNIT_DUTY_PROCESS_IDS;

export const UNIT_DUTIES = Object.keys(UNIT_DUTY_PROCESS_IDS) as UnitDuty[];
