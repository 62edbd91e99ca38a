import type Modeler from 'bpmn-js/lib/Modeler';
import type Canvas from 'diagram-js/lib/core/Canvas';
import type ElementRegistry from 'diagram-js/lib/core/ElementRegistry';
import type Overlays from 'diagram-js/lib/features/overlays/Overlays';

/** A finding of `POST /api/models/validate`, on the element it names. */
export interface LintFinding {
  elementId: string;
  /** The element's name (or id) as the screen says it. */
  label: string;
  message: string;
  severity: 'error' | 'warning';
}

const OVERLAY_TYPE = 'percorsi-lint';
const MARKERS = { error: 'lint-error', warning: 'lint-warning' } as const;

/**
 * The server's lint findings drawn on their elements, as diagram-js overlays: a button per
 * element (in the tab order, named for screen readers: how many problems on which element)
 * whose messages show beside it on hover and keyboard focus, plus a marker on the element.
 *
 * Why overlays and not `bpmn-js-bpmnlint`: that plugin runs bpmnlint in the browser from a
 * linter object (a packed rule configuration), so it would show the browser's own opinion,
 * with its rules bundled into the client, next to what the server decides at deployment. The
 * server's validation is the one that refuses a model, and it finds more than bpmnlint does
 * (malformed XML, the engine's own checks, forms not published), each with its element and
 * line: drawing exactly those answers keeps one truth and no second rule set to keep in step.
 */
export class LintOverlays {
  private marked: Array<{ id: string; marker: string }> = [];

  constructor(
    private readonly modeler: Modeler,
    private readonly reveal: (elementId: string) => void,
  ) {}

  show(findings: LintFinding[], onActivate: (elementId: string) => void): void {
    this.clear();
    const registry = this.modeler.get<ElementRegistry>('elementRegistry');
    const overlays = this.modeler.get<Overlays>('overlays');
    const canvas = this.modeler.get<Canvas>('canvas');
    const byElement = new Map<string, LintFinding[]>();
    for (const finding of findings) {
      const element = registry.get(finding.elementId);
      // The root (the process) has no shape to point at: its findings stay in the list.
      if (!element || element === canvas.getRootElement()) continue;
      byElement.set(finding.elementId, [...(byElement.get(finding.elementId) ?? []), finding]);
    }
    for (const [elementId, own] of byElement) {
      const severity = own.some((f) => f.severity === 'error') ? 'error' : 'warning';
      overlays.add(elementId, OVERLAY_TYPE, {
        position: { top: -14, right: 14 },
        html: this.badge(elementId, own, severity, onActivate),
      });
      canvas.addMarker(elementId, MARKERS[severity]);
      this.marked.push({ id: elementId, marker: MARKERS[severity] });
    }
  }

  clear(): void {
    const canvas = this.modeler.get<Canvas>('canvas');
    this.modeler.get<Overlays>('overlays').remove({ type: OVERLAY_TYPE });
    for (const { id, marker } of this.marked) canvas.removeMarker(id, marker);
    this.marked = [];
  }

  private badge(
    elementId: string,
    findings: LintFinding[],
    severity: 'error' | 'warning',
    onActivate: (elementId: string) => void,
  ): HTMLElement {
    const tipId = `lint-${elementId}`;
    const wrapper = document.createElement('div');
    wrapper.className = `lint-overlay is-${severity}`;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'lint-badge';
    button.dataset.lintElement = elementId;
    const what = severity === 'error' ? ['Problema', 'problemi'] : ['Avviso', 'avvisi'];
    // The visible count is for the eye; the name says what and where (WCAG 2.5.3: no
    // aria-label that the visible text is not part of).
    const visible = document.createElement('span');
    visible.setAttribute('aria-hidden', 'true');
    visible.textContent = `${severity === 'error' ? '!' : '?'} ${findings.length}`;
    const name = document.createElement('span');
    name.className = 'visually-hidden';
    name.textContent = `${findings.length === 1 ? what[0] : `${findings.length} ${what[1]}`} su «${findings[0].label}»`;
    button.append(visible, name);
    button.setAttribute('aria-describedby', tipId);
    button.addEventListener('click', () => {
      this.reveal(elementId);
      onActivate(elementId);
    });
    const tip = document.createElement('div');
    tip.id = tipId;
    tip.className = 'lint-tip';
    tip.setAttribute('role', 'tooltip');
    const list = document.createElement('ul');
    for (const finding of findings) {
      const item = document.createElement('li');
      item.textContent = finding.message;
      list.append(item);
    }
    tip.append(list);
    wrapper.append(button, tip);
    return wrapper;
  }
}
