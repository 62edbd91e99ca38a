// Packages of the modeler that ship without type declarations: what this client uses of them.

declare module 'bpmn-js-properties-panel' {
  type ModuleDeclaration = Record<string, unknown>;
  export const BpmnPropertiesPanelModule: ModuleDeclaration;
  export const BpmnPropertiesProviderModule: ModuleDeclaration;
  export const ZeebePropertiesProviderModule: ModuleDeclaration;
}

declare module 'camunda-bpmn-js-behaviors/lib/camunda-cloud' {
  const behaviors: Record<string, unknown>;
  export default behaviors;
}

declare module 'bpmn-js-differ' {
  export interface ChangedElement {
    model: { $type: string; id: string; name?: string };
    attrs: Record<string, { oldValue: unknown; newValue: unknown }>;
  }
  export interface ModelDiff {
    _added: Record<string, { $type: string; id: string; name?: string }>;
    _removed: Record<string, { $type: string; id: string; name?: string }>;
    _changed: Record<string, ChangedElement>;
    _layoutChanged: Record<string, { $type: string; id: string; name?: string }>;
  }
  export function diff(a: unknown, b: unknown): ModelDiff;
}
