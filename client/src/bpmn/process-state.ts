/** A path of a case as the diagram shows it: the model and where the instance is. */
export interface ProcessState {
  bpmnProcessId: string;
  processInstanceKey: string;
  state: string;
  xml: string;
  activeElementIds: string[];
  /** Elements with more than one active instance (tokens that met there), and how many. */
  repeatedActiveElements?: Record<string, number>;
  completedElementIds: string[];
  takenSequenceFlowIds: string[];
  /** Elements where an incident stops the path. */
  incidentElementIds?: string[];
}
