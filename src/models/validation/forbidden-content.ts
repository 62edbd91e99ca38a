/**
 * What a model may not carry, as data: the namespaces the scanner normalises,
 * the engines whose extensions run code, and the patterns of code-like text.
 */

export const BPMN_NAMESPACE = 'http://www.omg.org/spec/BPMN/20100524/MODEL';

/** Engines whose BPMN extensions name Java classes, scripts or JUEL expressions. */
export const FOREIGN_ENGINES: Readonly<Record<string, { uri: string; label: string }>> = {
  camunda: { uri: 'http://camunda.org/schema/1.0/bpmn', label: 'Camunda 7' },
  activiti: { uri: 'http://activiti.org/bpmn', label: 'Activiti' },
  flowable: { uri: 'http://flowable.org/bpmn', label: 'Flowable' },
  drools: { uri: 'http://www.jboss.org/drools', label: 'jBPM' },
};

/**
 * Namespace URI → the prefix the scanner sees, whatever prefix the file uses
 * (`<foo:scriptTask xmlns:foo="…BPMN…/MODEL">` is seen as `bpmn:scriptTask`).
 */
export function scannerNamespaces(): Record<string, string> {
  const namespaces: Record<string, string> = {
    [BPMN_NAMESPACE]: 'bpmn',
    'http://www.omg.org/spec/BPMN/20100524/DI': 'bpmndi',
    'http://www.omg.org/spec/DD/20100524/DC': 'dc',
    'http://www.omg.org/spec/DD/20100524/DI': 'di',
    'http://camunda.org/schema/zeebe/1.0': 'zeebe',
    'http://www.w3.org/2001/XMLSchema-instance': 'xsi',
  };
  for (const [prefix, { uri }] of Object.entries(FOREIGN_ENGINES)) namespaces[uri] = prefix;
  return namespaces;
}

/** The engine a namespace-normalised name (`camunda:class`) belongs to, if foreign. */
export function foreignEngineOf(normalisedName: string): string | undefined {
  const colon = normalisedName.indexOf(':');
  if (colon < 0) return undefined;
  return FOREIGN_ENGINES[normalisedName.slice(0, colon)]?.label;
}

export function foreignEngineOfUri(uri: string): string | undefined {
  return Object.values(FOREIGN_ENGINES).find((engine) => engine.uri === uri.trim())?.label;
}

export type CodeLikeText = 'placeholder' | 'javascript-url';

/** `${…}` (JUEL, bpmn-engine's JavaScript expressions) and `#{…}` (JUEL deferred). */
const PLACEHOLDER = /[$#]\{/;

/**
 * `javascript:` as a browser reads it: letters may be split by whitespace or
 * control characters, which browsers strip from URLs.
 */
const JAVASCRIPT_URL = new RegExp(
  'javascript:'
    .split('')
    .map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[\\s\\u0000-\\u001f]*'),
  'i',
);

/** The first code-like fragment of a (decoded) value, with its index. */
export function findCodeLikeText(
  value: string,
): { kind: CodeLikeText; index: number; fragment: string } | undefined {
  const placeholder = PLACEHOLDER.exec(value);
  const url = JAVASCRIPT_URL.exec(value);
  if (placeholder && (!url || placeholder.index <= url.index)) {
    return { kind: 'placeholder', index: placeholder.index, fragment: placeholder[0] };
  }
  if (url) return { kind: 'javascript-url', index: url.index, fragment: url[0] };
  return undefined;
}

const FEEL_LANGUAGES = new Set([
  'feel',
  'http://www.omg.org/spec/feel/20140401',
  'https://www.omg.org/spec/dmn/20191111/feel',
  'https://www.omg.org/spec/dmn/20230324/feel',
]);

/** BPMN's default `expressionLanguage`; Zeebe ignores it and evaluates FEEL. */
const XPATH_LANGUAGE = 'http://www.w3.org/1999/xpath';

export function isFeelLanguage(value: string): boolean {
  return FEEL_LANGUAGES.has(value.trim().toLowerCase().replace(/\/+$/, ''));
}

/** `bpmn:definitions expressionLanguage`: FEEL, or the BPMN default nobody evaluates. */
export function isAllowedExpressionLanguage(value: string): boolean {
  return isFeelLanguage(value) || value.trim().toLowerCase() === XPATH_LANGUAGE;
}

/**
 * A reference other than the five predefined entities and character codes,
 * or a bare `&`. Both are errors in XML; saxen would keep them as literal text,
 * a Java parser (Zeebe) would refuse the file. Case-sensitive on purpose.
 */
const BAD_REFERENCE = /&(?!(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);)[^\s;&<]{0,20};?/;

export function findBadEntityReference(raw: string): { index: number; text: string } | undefined {
  if (raw.indexOf('&') < 0) return undefined;
  const match = BAD_REFERENCE.exec(raw);
  return match ? { index: match.index, text: match[0] } : undefined;
}
