/**
 * The mandated paths a case can be opened on: the access sheet's `pathToOpen` value (the
 * option values of bpmn/forms/intake-access-sheet.form) → the BPMN process id of the path,
 * shipped as bpmn/paths/<id>.bpmn. Every path begins by calling `presa-in-carico`.
 */
export const PATH_PROCESS_IDS = {
  inclusionPact: 'patto-inclusione-adi',
  evictionPreAssessment: 'pre-valutazione-sgombero',
  urgentRequest: 'richiesta-urgente',
  minors: 'tutela-minori',
  adoption: 'adozione',
  familyStayAssessment: 'valutazione-art31',
  elderlyCare: 'anziani-domiciliarita',
  disabilityProject: 'progetto-individuale-disabilita',
  violenceAgainstWomen: 'violenza-donne',
  housing: 'housing-first',
  housingLed: 'housing-led',
  semiResidential: 'centro-diurno',
  postAdoption: 'sostegno-post-adozione',
  careLeavers: 'neomaggiorenni',
  serviceReferral: 'invio-altro-servizio',
} as const;

export type PathToOpen = keyof typeof PATH_PROCESS_IDS;

export const PATHS_TO_OPEN = Object.keys(PATH_PROCESS_IDS) as PathToOpen[];

export function isPathToOpen(value: unknown): value is PathToOpen {
  return typeof value === 'string' && Object.hasOwn(PATH_PROCESS_IDS, value);
}
