/**
 * The shipped paths name their steps in whole Italian sentences (up to ~110 characters) in
 * 100×80 boxes: with bpmn-js's 12 px text at 1.2 lines, names spill out of their boxes on 8 of
 * the 21 paths, at 11 px on 4, at 10 px on none (test/client/diagram-text.e2e.spec.ts). The
 * read-only diagrams draw it so; the modeler keeps the default, where boxes can be resized.
 */
export const DIAGRAM_TEXT = {
  textRenderer: { defaultStyle: { fontSize: 10, lineHeight: 1.1 } },
};
