import { StyleModule } from 'style-mod';

/**
 * CodeMirror (the FEEL editor of the properties panels, in bpmn-js's and form-js's) mounts its
 * styles through style-mod, which writes a <style> element into the document's head: the
 * app's CSP (style sheets only from the app) refuses it, leaving the editor unstyled with an
 * error in the console. Here its rules go into one constructed style sheet instead, adopted by
 * the document (CSSOM, which the CSP does not govern), inside a cascade layer so the app's own
 * style sheets still win over them, as they did over the <style> element placed first in the
 * head. Imported, for its effect, by the modules that can open a FEEL editor.
 */
const sheet = new CSSStyleSheet();
const mounted: StyleModule[] = [];

StyleModule.mount = (root, modules) => {
  let changed = false;
  for (const module of Array.isArray(modules) ? modules : [modules]) {
    if (mounted.includes(module)) continue;
    mounted.push(module);
    changed = true;
  }
  if (changed)
    sheet.replaceSync(`@layer codemirror {\n${mounted.map((m) => m.getRules()).join('\n')}\n}`);
  const target = root as DocumentOrShadowRoot;
  if (!target.adoptedStyleSheets.includes(sheet))
    target.adoptedStyleSheets = [...target.adoptedStyleSheets, sheet];
};
