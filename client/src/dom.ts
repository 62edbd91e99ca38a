type Child = Node | string | null | undefined | false;
type Props = Record<string, string | number | boolean | EventListener | undefined>;

/**
 * Builds an element: `on…` props are listeners, other props attributes (true → present,
 * false/undefined → absent). Text is always a text node: data never becomes markup.
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (value === true) element.setAttribute(name, '');
    else if (value !== false && value !== undefined) element.setAttribute(name, String(value));
  }
  element.append(...children.filter((child): child is Node | string => !!child));
  return element;
}

/** Empties a container and puts the given children in it. */
export function show(container: Element, ...children: Child[]): void {
  container.replaceChildren(...children.filter((child): child is Node | string => !!child));
}

/** A message line: `error` in red with role=alert, `notice` in green. */
export function message(kind: 'error' | 'notice', text: string): HTMLElement {
  return h('p', { class: kind, role: kind === 'error' ? 'alert' : 'status' }, text);
}
