/** What people read when the tasklist says no (Italian), in one place. */

const DATE = new Intl.DateTimeFormat('it-IT', {
  timeZone: 'Europe/Rome',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});
const TIME = new Intl.DateTimeFormat('it-IT', {
  timeZone: 'Europe/Rome',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** `il 26/11/2026 alle 10:32`, Rome time. */
export function onDateAtTime(at: Date): string {
  return `il ${DATE.format(at)} alle ${TIME.format(at)}`;
}

export const taskMessages = {
  notFound: 'Attività non trovata.',
  completed: (by: string | null, at: Date | null) =>
    `Attività già completata${by ? ` da ${by}` : ''}${at ? ` ${onDateAtTime(at)}` : ''}.`,
  instanceCanceled: 'Il percorso di questa attività è stato annullato.',
  elementTerminated:
    'Questa attività non è più da svolgere: il percorso è proseguito senza di essa (ad esempio per una scadenza).',
  notAssignedToYou: 'Attività non assegnata a te: prenderla in carico prima di completarla.',
  assignedToOther: (assignee: string) =>
    `Attività assegnata a ${assignee}: solo chi l’ha in carico può completarla.`,
  alreadyClaimed: (assignee: string) => `Attività già presa in carico da ${assignee}.`,
  notCandidate:
    'Non sei tra i candidati di questa attività: chiedi al coordinatore di assegnartela.',
  notAssigned: 'L’attività non è assegnata a nessuno.',
  unclaimForbidden:
    'Solo chi ha in carico l’attività o il coordinatore dell’unità può rilasciarla.',
  assignForbidden: 'Solo il coordinatore dell’unità può assegnare le attività.',
  unitViewForbidden: 'La vista di tutta l’unità è riservata ai coordinatori.',
  invalidAssignee: (username: string, unitCode: string) =>
    `Non si può assegnare l’attività a ${username}: deve essere un assistente sociale o un coordinatore attivo dell’unità ${unitCode}.`,
  beingCompleted: (by: string) =>
    `${by} sta completando questa attività: riprovare tra qualche istante.`,
  changedMeanwhile: 'L’attività è stata modificata nel frattempo: ricaricarla e riprovare.',
  incident: 'L’attività è bloccata da un errore tecnico: avvisare l’amministratore.',
  engineRefused: 'Il motore dei processi non ha accettato il completamento: riprovare più tardi.',
  noForm: 'Questa attività non ha un modulo.',
  noFormData: 'Questa attività non ha un modulo: si completa senza dati.',
  formMissing: (formKey: string) =>
    `Il modulo «${formKey}» di questa attività non è disponibile: avvisare l’amministratore.`,
  formUnchecked: (formKey: string) =>
    `Il modulo «${formKey}» non può essere verificato dal server: avvisare l’amministratore.`,
  invalidFormData: 'I dati del modulo non sono validi: correggere i campi indicati.',
  taskClosed: 'L’attività è conclusa.',
  dataForbidden:
    'I dati di questa attività sono riservati a chi l’ha in carico, a chi segue la cartella e al coordinatore dell’unità.',
  noDraft: 'Nessuna bozza salvata per questa attività.',
  draftForbidden:
    'La bozza del modulo è di chi ha in carico l’attività (o, finché è libera, dei suoi candidati).',
  draftTooLarge: (kb: number) =>
    `La bozza supera i ${kb} KB consentiti: completare l’attività o ridurre i testi.`,
} as const;
