/**
 * The decisions an outside party takes that a shipped path waits for (a message catch event,
 * correlation key = the case number), recorded from the case file instead of published by an
 * administrator as a raw message. One entry per kind: what the caseworker reads, the message
 * it publishes and how each field travels in it. The proroga of a deadline (`deadline-extended`)
 * is not here: it has its own API (POST /api/cases/:caseId/deadlines/:id/extensions).
 *
 * Variables the model reads are named in `readBy`; the others only keep the record in the
 * path's variables (named so that they overwrite nothing the path already holds).
 *
 * A kind waited for by a non-interrupting boundary stays awaited after it arrives (the
 * boundary subscribes again): `oncePerInstance` says the outside party decides it once, so a
 * path instance that has it recorded is no longer offered it and a second one is refused.
 */
export type DecisionFieldType = 'date' | 'text' | 'choice';

export interface DecisionField {
  key: string;
  label: string;
  type: DecisionFieldType;
  required: boolean;
  /** The message variable the value travels in. */
  variable: string;
  /** For `choice`: the values allowed, with their labels. */
  options?: ReadonlyArray<{ value: string; label: string }>;
  /** Required only when another field of the decision has this value. */
  requiredWhen?: { field: string; value: string };
  /** What the model does with it, for whoever edits the model. */
  readBy?: string;
}

export interface DecisionKind {
  kind: string;
  label: string;
  /** Who decides. */
  authority: string;
  messageName: string;
  /** The shipped paths and the elements that wait for the message. */
  waitsIn: ReadonlyArray<{ bpmnProcessId: string; elementIds: readonly string[] }>;
  fields: readonly DecisionField[];
  /** Recordable once per path instance, even while the model still waits for it. */
  oncePerInstance?: boolean;
}

const docketNumber = (variable: string): DecisionField => ({
  key: 'docketNumber',
  label: 'Numero del procedimento (R.G.)',
  type: 'text',
  required: false,
  variable,
});

export const DECISION_KINDS: readonly DecisionKind[] = [
  {
    kind: 'eviction-date',
    label: 'Data dello sgombero fissata dalla Prefettura',
    authority: 'Prefettura',
    messageName: 'data-sgombero-fissata',
    waitsIn: [{ bpmnProcessId: 'pre-valutazione-sgombero', elementIds: ['evictionDateSet'] }],
    fields: [
      {
        key: 'evictionDate',
        label: 'Data dello sgombero',
        type: 'date',
        required: true,
        variable: 'evictionDate',
        readBy: 'startEviction: the case deadline (dueVariable), the census due date and timer',
      },
      {
        key: 'communicatedOn',
        label: 'Data della comunicazione della Prefettura',
        type: 'date',
        required: false,
        variable: 'evictionCommunicatedOn',
      },
      {
        key: 'reference',
        label: 'Protocollo della comunicazione',
        type: 'text',
        required: false,
        variable: 'evictionReference',
      },
    ],
  },
  {
    kind: 'urgent-removal-validation',
    label: 'Decisione del Tribunale per i Minorenni sulla convalida (art. 403 c.c.)',
    authority: 'Tribunale per i Minorenni',
    messageName: 'decisione-tm-403',
    waitsIn: [{ bpmnProcessId: 'tutela-minori', elementIds: ['courtDecision'] }],
    fields: [
      {
        key: 'outcome',
        label: 'Esito',
        type: 'choice',
        required: true,
        variable: 'decreeOutcome',
        options: [
          { value: 'validated', label: 'Provvedimento convalidato' },
          { value: 'revoked', label: 'Provvedimento revocato' },
        ],
        readBy: 'gateway validated: revoked ends the track, validated goes to the hearing',
      },
      {
        key: 'hearingDate',
        label: "Data dell'udienza",
        type: 'date',
        required: false,
        requiredWhen: { field: 'outcome', value: 'validated' },
        variable: 'hearingDate',
        readBy: 'startHearing: the hearing deadline (dueVariable)',
      },
      {
        key: 'decreeDate',
        label: 'Data del decreto',
        type: 'date',
        required: true,
        variable: 'validationDecreeDate',
      },
      docketNumber('validationDocketNumber'),
    ],
  },
  {
    kind: 'urgent-removal-validation-request',
    label: 'Richiesta di convalida del PM al Tribunale per i Minorenni (art. 403 c.c.)',
    authority: 'Procura presso il Tribunale per i Minorenni',
    messageName: 'richiesta-convalida-pm-403',
    waitsIn: [{ bpmnProcessId: 'tutela-minori', elementIds: ['pmValidationRequested'] }],
    // The PM asks once; the boundary on the wait for the decree stays subscribed after it.
    oncePerInstance: true,
    fields: [
      {
        key: 'requestDate',
        label: 'Data della richiesta di convalida',
        type: 'date',
        required: true,
        variable: 'pmValidationRequestDate',
        readBy:
          'gateway pmRequestKnown: recorded, the 72-hour check is not asked of the case manager',
      },
      docketNumber('pmValidationRequestDocketNumber'),
    ],
  },
  {
    kind: 'pre-adoptive-placement',
    label: 'Affidamento preadottivo disposto dal Tribunale per i Minorenni',
    authority: 'Tribunale per i Minorenni',
    messageName: 'affidamento-preadottivo-disposto',
    waitsIn: [{ bpmnProcessId: 'adozione', elementIds: ['placementOrdered'] }],
    fields: [
      {
        key: 'placementDate',
        label: "Data di inizio dell'affidamento",
        type: 'date',
        required: true,
        variable: 'placementDate',
        readBy: 'startPlacement: one year of placement from this date (fromVariable)',
      },
      {
        key: 'decreeDate',
        label: 'Data del decreto',
        type: 'date',
        required: false,
        variable: 'placementDecreeDate',
      },
      docketNumber('placementDocketNumber'),
    ],
  },
  {
    kind: 'adoption-closed',
    label: 'Procedimento di adozione concluso senza affidamento',
    authority: 'Tribunale per i Minorenni',
    messageName: 'procedimento-adozione-concluso',
    waitsIn: [{ bpmnProcessId: 'adozione', elementIds: ['adoptionClosed'] }],
    fields: [
      {
        key: 'decreeDate',
        label: 'Data del provvedimento',
        type: 'date',
        required: true,
        variable: 'adoptionClosedOn',
      },
      docketNumber('adoptionDocketNumber'),
    ],
  },
  {
    kind: 'support-administrator-decree',
    label: "Decreto del Giudice Tutelare sull'amministratore di sostegno",
    authority: 'Giudice Tutelare',
    messageName: 'decreto-amministratore-sostegno',
    waitsIn: [
      {
        bpmnProcessId: 'anziani-domiciliarita',
        elementIds: ['decree', 'decreeDuringReminder', 'lateDecree'],
      },
    ],
    fields: [
      {
        key: 'decreeDate',
        label: 'Data del decreto',
        type: 'date',
        required: true,
        variable: 'guardianshipDecreeDate',
      },
      {
        key: 'supportAdministrator',
        label: 'Amministratore di sostegno nominato',
        type: 'text',
        required: false,
        variable: 'supportAdministratorName',
      },
      docketNumber('guardianshipDocketNumber'),
    ],
  },
  {
    kind: 'protection-order-decision',
    label: "Decisione del giudice sull'ordine di protezione richiesto",
    authority: 'Tribunale ordinario',
    messageName: 'decisione-ordine-protezione',
    waitsIn: [{ bpmnProcessId: 'violenza-donne', elementIds: ['orderDecision'] }],
    fields: [
      {
        key: 'outcome',
        label: 'Esito',
        type: 'choice',
        required: true,
        variable: 'protectionOrderOutcome',
        options: [
          { value: 'granted', label: 'Ordine di protezione emesso' },
          { value: 'rejected', label: 'Richiesta respinta' },
        ],
        readBy:
          'orderDecision output protectionOrder; gateway orderIssued: granted goes to the date check, rejected ends the order branch',
      },
      {
        key: 'decreeDate',
        label: 'Data del decreto',
        type: 'date',
        required: true,
        variable: 'protectionOrderDate',
        readBy: 'gateway orderDatesCheck: the end date is after it',
      },
      {
        key: 'executionDate',
        label: "Data di esecuzione dell'ordine (se diversa)",
        type: 'date',
        required: false,
        variable: 'protectionOrderExecutionDate',
        readBy: 'gateway orderDatesCheck: the year runs from the execution',
      },
      {
        key: 'endDate',
        label: "Data di fine dell'ordine fissata dal giudice",
        type: 'date',
        required: false,
        requiredWhen: { field: 'outcome', value: 'granted' },
        variable: 'protectionOrderEndDate',
        readBy: 'startOrder: the protection-order deadline (dueVariable) and the report timer',
      },
      docketNumber('protectionOrderDocketNumber'),
    ],
  },
];

const BY_KIND = new Map(DECISION_KINDS.map((k) => [k.kind, k]));
const BY_MESSAGE = new Map(DECISION_KINDS.map((k) => [k.messageName, k]));

export function decisionKind(kind: string): DecisionKind | undefined {
  return BY_KIND.get(kind);
}

/** The kind an open subscription waits for, if an outside party decides it. */
export function decisionKindOfMessage(messageName: string): DecisionKind | undefined {
  return BY_MESSAGE.get(messageName);
}

export const DECISION_MESSAGE_NAMES: readonly string[] = DECISION_KINDS.map((k) => k.messageName);
