/** The element types as the comparison names them. */
const TYPES: Record<string, string> = {
  'bpmn:Process': 'Processo',
  'bpmn:StartEvent': 'Evento di inizio',
  'bpmn:EndEvent': 'Evento di fine',
  'bpmn:IntermediateCatchEvent': 'Evento intermedio',
  'bpmn:IntermediateThrowEvent': 'Evento intermedio di lancio',
  'bpmn:BoundaryEvent': 'Evento di bordo',
  'bpmn:Task': 'Attività',
  'bpmn:UserTask': 'Compito utente',
  'bpmn:ServiceTask': 'Attività di servizio',
  'bpmn:SendTask': 'Attività di invio',
  'bpmn:ReceiveTask': 'Attività di ricezione',
  'bpmn:ScriptTask': 'Attività di script',
  'bpmn:BusinessRuleTask': 'Attività di regola',
  'bpmn:ManualTask': 'Attività manuale',
  'bpmn:CallActivity': 'Attività di chiamata',
  'bpmn:SubProcess': 'Sottoprocesso',
  'bpmn:ExclusiveGateway': 'Gateway esclusivo',
  'bpmn:ParallelGateway': 'Gateway parallelo',
  'bpmn:InclusiveGateway': 'Gateway inclusivo',
  'bpmn:EventBasedGateway': 'Gateway basato su eventi',
  'bpmn:SequenceFlow': 'Flusso',
  'bpmn:Message': 'Messaggio',
  'bpmn:TextAnnotation': 'Annotazione',
  'bpmn:Association': 'Associazione',
  'bpmn:Participant': 'Partecipante',
  'bpmn:MessageFlow': 'Flusso di messaggi',
};

export function describeType(type: string): string {
  return TYPES[type] ?? type.replace(/^bpmn:/, '');
}

/**
 * What a flattened property path means, in the properties panel's words: the last owner type
 * and property that the table knows, e.g. "…[zeebe:AssignmentDefinition].candidateGroups"
 * → "Gruppi candidati"; an unknown one keeps its path.
 */
const PROPERTIES: Array<[RegExp, string]> = [
  [/zeebe:AssignmentDefinition\]\.candidateGroups$/, 'Gruppi candidati'],
  [/zeebe:AssignmentDefinition\]\.candidateUsers$/, 'Utenti candidati'],
  [/zeebe:AssignmentDefinition\]\.assignee$/, 'Assegnatario'],
  [/zeebe:TaskSchedule\]\.dueDate$/, 'Scadenza'],
  [/zeebe:TaskSchedule\]\.followUpDate$/, 'Data di sollecito'],
  [/zeebe:PriorityDefinition\]\.priority$/, 'Priorità'],
  [/zeebe:TaskDefinition\]\.type$/, 'Tipo di job'],
  [/zeebe:TaskDefinition\]\.retries$/, 'Tentativi'],
  [/zeebe:FormDefinition\]\.formKey$/, 'Modulo (form key)'],
  [/zeebe:FormDefinition\]\.formId$/, 'Modulo (form ID)'],
  [/zeebe:Header(#\d+)?\]\.key$/, 'Intestazione del job (chiave)'],
  [/zeebe:Header(#\d+)?\]\.value$/, 'Intestazione del job (valore)'],
  [/zeebe:Input(#\d+)?\]\.source$/, 'Variabile in ingresso (valore)'],
  [/zeebe:Input(#\d+)?\]\.target$/, 'Variabile in ingresso (nome)'],
  [/zeebe:Output(#\d+)?\]\.source$/, 'Variabile in uscita (valore)'],
  [/zeebe:Output(#\d+)?\]\.target$/, 'Variabile in uscita (nome)'],
  [/zeebe:CalledElement\]\.processId$/, 'Processo chiamato'],
  [/zeebe:CalledElement\]\.propagateAllChildVariables$/, 'Riporta le variabili del chiamato'],
  [/zeebe:Subscription\]\.correlationKey$/, 'Chiave di correlazione'],
  [/zeebe:LoopCharacteristics\]\.inputCollection$/, 'Collezione in ingresso'],
  [/zeebe:LoopCharacteristics\]\.inputElement$/, 'Elemento in ingresso'],
  [/zeebe:LoopCharacteristics\]\.outputCollection$/, 'Collezione in uscita'],
  [/zeebe:LoopCharacteristics\]\.outputElement$/, 'Elemento in uscita'],
  [/timeDuration\.body$/, 'Timer (durata)'],
  [/timeDate\.body$/, 'Timer (data)'],
  [/timeCycle\.body$/, 'Timer (ciclo)'],
  [/messageRef$/, 'Messaggio'],
  [/conditionExpression\.body$/, 'Condizione'],
  [/completionCondition\.body$/, 'Condizione di completamento'],
  [/isSequential$/, 'Multi-istanza sequenziale'],
  [/cancelActivity$/, 'Interrompe l’attività'],
  [/attachedToRef$/, 'Attaccato a'],
  [/sourceRef$/, 'Da'],
  [/targetRef$/, 'A'],
  [/^default$/, 'Flusso predefinito'],
  [/^documentation.*\.text$/, 'Documentazione'],
  [/^name$/, 'Nome'],
  [/^isExecutable$/, 'Eseguibile'],
];

export function describeProperty(path: string): string {
  return PROPERTIES.find(([pattern]) => pattern.test(path))?.[1] ?? path;
}
