import type { LintConfig } from 'bpmnlint';

/**
 * The bpmnlint configuration a model must pass before it is deployed.
 *
 * - `bpmnlint:recommended`: structural rules (start/end events, implicit
 *   splits and joins, disconnected elements, missing diagram information…).
 * - `plugin:camunda-compat/camunda-cloud-8-5`: what Zeebe 8.5 can execute
 *   (implementations, FEEL syntax, timers, messages, forms…). The embedded
 *   engine is held to the same contract, so a model runs on both.
 *
 * Severity policy: a report of category `error` blocks deployment (code
 * LINT); `warn` and `info` are returned as warnings with the model; a rule
 * that throws (`rule-error`) blocks too (LINT_RULE_FAILED): a model that
 * could not be fully checked is not deployed.
 *
 * Overrides of the recommended set, and why:
 * - `label-required` → warn. Names are what caseworkers read in the case
 *   view, so a missing one is worth saying; but an unnamed end event or
 *   conditional flow runs fine, and refusing a deployment for it would train
 *   administrators to type placeholder names.
 * Kept as errors on purpose:
 * - `no-bpmndi`: every element must be in the diagram, or the case view
 *   cannot show where a case is.
 * - `no-implicit-start`, `no-implicit-end`, `no-disconnected`: an element no
 *   flow reaches or leaves is almost always a modelling slip in an executable
 *   path, and a case stuck there is hard to explain to a citizen.
 *
 * To override a camunda-compat rule, pass its config along, as the plugin
 * does: `'camunda-compat/timer': ['warn', { version: '8.5' }]`.
 */
export const LINT_CONFIG: LintConfig = {
  extends: ['bpmnlint:recommended', 'plugin:camunda-compat/camunda-cloud-8-5'],
  rules: {
    'label-required': 'warn',
  },
};

/**
 * What each rule checks, in Italian, as a clause about the element reported
 * (it follows the element's name). The rule's own English message is kept in
 * the problem's `detail`. Rules missing here get a generic sentence.
 */
export const LINT_RULE_TEXT_IT: Readonly<Record<string, string>> = {
  // bpmnlint:recommended
  'ad-hoc-sub-process': 'il sottoprocesso ad hoc contiene eventi o flussi che non può avere',
  'conditional-flows':
    'il flusso esce da un punto in cui il percorso si divide ma non ha una condizione e non è il flusso predefinito',
  'end-event-required': 'manca un evento di fine',
  'event-based-gateway':
    'un gateway basato su eventi deve portare solo a eventi di attesa (messaggio, timer, segnale)',
  'event-sub-process-typed-start-event':
    'un sottoprocesso a evento deve iniziare con un evento di un tipo preciso (messaggio, timer, errore…)',
  // Where the embedded engine still runs one instance of an element at a time (src/engine/embedded/README.md).
  'fake-join':
    "più flussi entrano direttamente nell'elemento: uniscili con un gateway se devono attendersi (senza gateway ogni flusso che arriva esegue l'elemento di nuovo)",
  global:
    "l'elemento globale (messaggio, errore, segnale…) non è usato, non ha nome o ha un nome ripetuto",
  'label-required': "l'elemento non ha un nome",
  'link-event': 'gli eventi di collegamento (link) non sono accoppiati correttamente',
  'no-bpmndi':
    "l'elemento non compare nel diagramma (mancano le informazioni grafiche): la vista del caso non potrebbe mostrarlo",
  'no-complex-gateway': 'il gateway complesso non è supportato',
  'no-disconnected': "l'elemento non è collegato al resto del flusso",
  'no-duplicate-sequence-flows': 'due flussi collegano gli stessi elementi',
  'no-gateway-join-fork': 'lo stesso gateway unisce e divide i flussi: usa due gateway distinti',
  'no-implicit-end': "l'elemento non ha flussi in uscita ma non è un evento di fine",
  'no-implicit-split': "l'elemento ha più flussi in uscita senza un gateway",
  'no-implicit-start': "l'elemento non ha flussi in entrata ma non è un evento di inizio",
  'no-inclusive-gateway': 'il gateway inclusivo è sconsigliato',
  'no-overlapping-elements': "l'elemento si sovrappone a un altro nel diagramma",
  'single-blank-start-event': 'ci sono più eventi di inizio semplici',
  'single-event-definition': "l'evento ha più di una definizione (messaggio, timer…)",
  'start-event-required': 'manca un evento di inizio',
  'sub-process-blank-start-event':
    'il sottoprocesso deve iniziare con un evento di inizio semplice',
  'superfluous-gateway': 'il gateway ha un solo flusso in entrata e uno in uscita: è superfluo',
  'superfluous-label': 'il nome del flusso è superfluo',
  'superfluous-termination': "l'evento di fine con terminazione è superfluo",

  // plugin:camunda-compat/camunda-cloud-8-5
  'camunda-compat/called-element': 'la chiamata non indica il processo da avviare (processId)',
  'camunda-compat/connector-properties': 'le proprietà del connettore non sono valide',
  'camunda-compat/duplicate-task-headers': 'due intestazioni del compito hanno la stessa chiave',
  'camunda-compat/element-type': 'questo tipo di elemento non è supportato da Camunda 8.5',
  'camunda-compat/error-reference': "manca l'errore a cui si riferisce, o il suo codice",
  'camunda-compat/escalation-boundary-event-attached-to-ref':
    'un evento di escalation di bordo non è ammesso su questo elemento',
  'camunda-compat/escalation-reference': "manca l'escalation a cui si riferisce, o il suo codice",
  'camunda-compat/event-based-gateway-target':
    'dopo un gateway basato su eventi possono venire solo eventi intermedi di attesa',
  'camunda-compat/executable-process': 'il processo non è eseguibile',
  'camunda-compat/feel': "un'espressione FEEL non è scritta correttamente",
  'camunda-compat/feel-compatibility':
    "un'espressione FEEL usa una funzione che Camunda 8.5 non ha",
  'camunda-compat/implementation':
    "manca l'implementazione per Camunda 8 (per un compito automatico: il tipo di lavoro, zeebe:taskDefinition type)",
  'camunda-compat/inclusive-gateway':
    'in Camunda 8.5 un gateway inclusivo può solo dividere i flussi, non unirli',
  'camunda-compat/io-mapping': 'una mappatura di variabili (input/output) è incompleta',
  'camunda-compat/link-event':
    "l'evento di collegamento (link) non ha un nome o il nome è ripetuto",
  'camunda-compat/loop-characteristics':
    'la ripetizione multi-istanza è incompleta (manca la collezione da percorrere)',
  'camunda-compat/message-reference': 'manca il messaggio a cui si riferisce',
  'camunda-compat/no-binding-type': 'il tipo di collegamento (binding type) richiede Camunda 8.6',
  'camunda-compat/no-business-id':
    "l'identificativo di business richiede una versione successiva di Camunda",
  'camunda-compat/no-cancel-execution-listener':
    'gli ascoltatori di esecuzione non sono supportati da Camunda 8.5',
  'camunda-compat/no-execution-listener-headers':
    'gli ascoltatori di esecuzione non sono supportati da Camunda 8.5',
  'camunda-compat/no-execution-listeners':
    'gli ascoltatori di esecuzione non sono supportati da Camunda 8.5',
  'camunda-compat/no-expression': "qui Camunda 8.5 non accetta un'espressione",
  'camunda-compat/no-job-priority-definition':
    'la priorità dei lavori richiede una versione successiva di Camunda',
  'camunda-compat/no-loop': 'il flusso forma un ciclo che non passa per alcuna attesa',
  'camunda-compat/no-multiple-none-start-events': 'ci sono più eventi di inizio semplici',
  'camunda-compat/no-priority-definition': 'la priorità dei compiti utente richiede Camunda 8.6',
  'camunda-compat/no-task-listeners':
    'gli ascoltatori dei compiti non sono supportati da Camunda 8.5',
  'camunda-compat/no-version-tag': "l'etichetta di versione (version tag) richiede Camunda 8.6",
  'camunda-compat/secrets': 'un segreto è scritto in un formato superato',
  'camunda-compat/sequence-flow-condition':
    'la condizione del flusso è incompleta o non è ammessa qui',
  'camunda-compat/signal-reference': 'manca il segnale a cui si riferisce',
  'camunda-compat/start-event-form': "il modulo dell'evento di inizio non è valido",
  'camunda-compat/subscription':
    'il messaggio non ha la chiave di correlazione (zeebe:subscription correlationKey)',
  'camunda-compat/task-schedule':
    "scadenza o data di promemoria non valida: serve una data ISO 8601 o un'espressione FEEL",
  'camunda-compat/timer': 'il timer non è valido per Camunda 8.5',
  'camunda-compat/user-task-definition':
    'il compito utente non indica un modulo (zeebe:formDefinition)',
  'camunda-compat/user-task-form': 'il modulo del compito utente non è indicato correttamente',
  'camunda-compat/variable-name': 'un nome di variabile non è valido',
  'camunda-compat/wait-for-completion': "l'evento di compensazione deve attendere il completamento",
};
