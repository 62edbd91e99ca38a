import { Parser, type ElementProxy, type GetContext } from 'saxen';
import {
  findBadEntityReference,
  findCodeLikeText,
  foreignEngineOf,
  foreignEngineOfUri,
  isAllowedExpressionLanguage,
  isFeelLanguage,
  scannerNamespaces,
  type CodeLikeText,
} from './forbidden-content';
import { MarkupCursor } from './markup-cursor';
import {
  MAX_ELEMENT_DEPTH,
  MAX_REPORTED_PROBLEMS,
  type ValidationProblem,
} from './validation-result';
import type { TextPosition, XmlPositions } from './xml-positions';

export interface XmlScanResult {
  /** Not well-formed, or not BPMN: the scan stopped there and nothing else counts. */
  fatal?: ValidationProblem;
  /** Code and code-running extensions: the model is refused before it is read. */
  forbidden: ValidationProblem[];
  /** Constructs our engines cannot run; reported together with the model's other problems. */
  unsupported: ValidationProblem[];
}

/**
 * One linear pass of saxen — the parser bpmn-moddle itself uses, so this sees what
 * the model reader will see, entities decoded the same way — over the raw
 * text. It checks well-formedness (with line and column) and finds code in
 * any attribute or text, in any namespace, including parts of the file that
 * the BPMN reader would ignore and that camunda-compat skips (non-executable
 * processes). Comments and processing instructions are not looked at.
 */
export function scanXml(xml: string, positions: XmlPositions): XmlScanResult {
  return new XmlScanner(xml, positions).scan();
}

interface ScriptTaskState {
  /** `«Nome» (Id)`, or the tag when the task has no id. */
  name: string;
  elementId?: string;
  position: TextPosition;
  /** A refusal was already reported for this task (inline code, script format). */
  refused: boolean;
  zeebeScript?: { expression?: string; resultVariable?: string; position: TextPosition };
  taskDefinition: boolean;
}

interface OpenElement {
  name: string;
  originalName: string;
  /** Own id, or the nearest ancestor's. */
  elementId?: string;
  /** `«name» (id)` of the nearest element that has an id. */
  label?: string;
  /** Has an id of its own. */
  identified: boolean;
  /** Inside an extension of another engine, already refused as a whole. */
  foreign: boolean;
  /** The script task this element is or is inside of. */
  scriptTask?: ScriptTaskState;
  /** This element is that script task. */
  isScriptTask: boolean;
}

/** Where the markup saxen is reporting sits in the text. */
interface Markup {
  start: number;
  end: number;
}

const SCRIPT_TASKS = new Set(['bpmn:scriptTask', 'bpmn:globalScriptTask']);

class XmlScanner {
  private readonly stack: OpenElement[] = [];
  private readonly forbidden: ValidationProblem[] = [];
  private readonly unsupported: ValidationProblem[] = [];
  private fatal: ValidationProblem | undefined;
  private rootSeen = false;
  private readonly parser = new Parser({ proxy: true });
  private readonly cursor: MarkupCursor;

  constructor(
    private readonly xml: string,
    private readonly positions: XmlPositions,
  ) {
    this.cursor = new MarkupCursor(xml);
  }

  scan(): XmlScanResult {
    if (this.xml.trim() === '') {
      return this.result({ code: 'XML_MALFORMED', message: 'Il file è vuoto.' });
    }
    this.parser
      .ns(scannerNamespaces())
      .on('openTag', (element, decode, selfClosing) => this.onOpenTag(element, decode, selfClosing))
      .on('closeTag', (_element, _decode, selfClosing) => this.onCloseTag(selfClosing))
      .on('text', (raw, decode) => this.onText(raw, decode))
      .on('cdata', (raw) => this.onCdata(raw))
      .on('comment', () => this.cursor.take('comment'))
      .on('question', () => this.cursor.take('question'))
      .on('attention', (_raw, _decode, getContext) => this.onDeclaration(getContext))
      .on('error', (error, getContext) => this.onParserError(error, getContext))
      .on('warn', (error, getContext) => this.onParserError(error, getContext));
    this.parser.parse(this.xml);
    if (!this.fatal && !this.rootSeen) {
      this.stop({
        code: 'XML_MALFORMED',
        message: 'Il file non contiene alcun elemento XML.',
      });
    }
    return this.result(this.fatal);
  }

  private result(fatal: ValidationProblem | undefined): XmlScanResult {
    return fatal
      ? { fatal, forbidden: [], unsupported: [] }
      : { forbidden: this.forbidden, unsupported: this.unsupported };
  }

  // events ////////////////////////////////////////////////////////////////

  private onOpenTag(
    element: ElementProxy,
    decode: (text: string) => string,
    selfClosing: boolean,
  ): void {
    if (this.fatal) return;
    const tag = this.cursor.take('tag');
    const { name, originalName } = element;
    const parent = this.stack[this.stack.length - 1];

    if (!parent) {
      if (this.rootSeen) {
        this.stop({
          code: 'XML_MALFORMED',
          message: `Dopo la fine del documento c'è un altro elemento <${originalName}>: un file XML ha un solo elemento radice.`,
          ...this.positions.at(tag.start),
        });
        return;
      }
      this.rootSeen = true;
      if (name !== 'bpmn:definitions') {
        this.stop({
          code: 'NOT_BPMN',
          message: `Il file non è un modello BPMN: l'elemento principale è <${originalName}> invece di <bpmn:definitions> (spazio dei nomi BPMN 2.0).`,
          ...this.positions.at(tag.start),
        });
        return;
      }
    }

    if (this.stack.length >= MAX_ELEMENT_DEPTH) {
      this.stop({
        code: 'TOO_DEEP',
        message: `Il modello ha più di ${MAX_ELEMENT_DEPTH} livelli di elementi uno dentro l'altro: non è un modello BPMN realistico.`,
        ...this.positions.at(tag.start),
      });
      return;
    }

    // Reading the attributes may make saxen report a malformed one (→ fatal).
    const rawAttrs = element.attrs || {};
    if (this.fatal) return;
    const attrs: Record<string, string> = {};
    for (const [attribute, raw] of Object.entries(rawAttrs)) {
      const bad = findBadEntityReference(raw);
      if (bad) {
        this.stop(this.badReference(bad.text, this.attributePosition(tag, raw, bad.index)));
        return;
      }
      attrs[attribute] = decode(raw);
    }

    const id = attrs.id?.trim() || undefined;
    const label = id ? labelOf(id, attrs.name) : parent?.label;
    const entry: OpenElement = {
      name,
      originalName,
      elementId: id ?? parent?.elementId,
      label,
      identified: id !== undefined,
      foreign: parent?.foreign ?? false,
      scriptTask: parent?.scriptTask,
      isScriptTask: false,
    };

    if (!entry.foreign) this.checkElement(entry, attrs, rawAttrs, tag);

    if (selfClosing) {
      if (entry.isScriptTask && entry.scriptTask) this.closeScriptTask(entry.scriptTask);
    } else {
      this.stack.push(entry);
    }
  }

  private onCloseTag(selfClosing: boolean): void {
    // saxen also reports the end of a self-closing tag: no markup of its own.
    if (this.fatal || selfClosing) return;
    this.cursor.take('tag');
    const entry = this.stack.pop();
    if (entry?.isScriptTask && entry.scriptTask) this.closeScriptTask(entry.scriptTask);
  }

  private onText(raw: string, decode: (text: string) => string): void {
    if (this.fatal) return;
    const entry = this.stack[this.stack.length - 1];
    if (!entry || raw.trim() === '') return;
    const start = this.cursor.textStart;
    const bad = findBadEntityReference(raw);
    if (bad) {
      this.stop(this.badReference(bad.text, this.positions.at(start + bad.index)));
      return;
    }
    this.checkBody(entry, decode(raw), raw, start);
  }

  private onCdata(raw: string): void {
    if (this.fatal) return;
    const section = this.cursor.take('cdata');
    const entry = this.stack[this.stack.length - 1];
    if (!entry || raw.trim() === '') return;
    this.checkBody(entry, raw, raw, section.start + '<![CDATA['.length);
  }

  private onDeclaration(getContext: GetContext): void {
    // Normally refused before parsing (findMarkupDeclaration); kept as a second lock.
    this.stop({
      code: 'DOCTYPE_NOT_ALLOWED',
      message: 'Il file contiene una dichiarazione DOCTYPE o ENTITY, che non è ammessa.',
      ...this.parserPosition(getContext),
    });
  }

  private onParserError(error: Error, getContext: GetContext): void {
    if (this.fatal) return;
    const detail = error.message;
    if (detail === 'unexpected end of file') {
      // saxen's own position for this error is not usable (line 0, column = offset).
      const open = this.stack[this.stack.length - 1];
      const opened = open ? this.openingPosition(open.originalName, this.xml.length) : undefined;
      this.stop({
        code: 'XML_MALFORMED',
        message: open
          ? `Il file finisce prima che il tag <${open.originalName}>${openedAt(opened)} sia chiuso: forse il file è troncato.`
          : 'Il file finisce in mezzo a un tag: forse il file è troncato.',
        detail,
        ...this.positions.end(),
      });
      return;
    }
    const context = getContext();
    const position = { line: context.line + 1, column: context.column + 1 };
    this.stop({
      code: 'XML_MALFORMED',
      message: this.describeParserError(detail, context.data, position),
      detail,
      ...position,
    });
  }

  // checks ////////////////////////////////////////////////////////////////

  private checkElement(
    entry: OpenElement,
    attrs: Record<string, string>,
    rawAttrs: Record<string, string>,
    tag: Markup,
  ): void {
    const { name, originalName } = entry;
    const at = () => this.positions.at(tag.start);

    const engine = foreignEngineOf(name);
    if (engine) {
      entry.foreign = true;
      this.report(this.forbidden, {
        code: 'FOREIGN_EXTENSION_NOT_ALLOWED',
        message: `${capitalise(where(entry, true))} usa l'estensione <${originalName}> di ${engine}. ${FOREIGN_ADVICE}`,
        elementId: entry.elementId,
        ...at(),
      });
      return;
    }

    const foreignAttributes = Object.keys(attrs).filter((attribute) => foreignEngineOf(attribute));
    if (foreignAttributes.length) {
      const engines = [...new Set(foreignAttributes.map((a) => foreignEngineOf(a)))].join(', ');
      this.report(this.forbidden, {
        code: 'FOREIGN_EXTENSION_NOT_ALLOWED',
        message: `${capitalise(where(entry))} usa ${plural(foreignAttributes.length, "l'attributo", 'gli attributi')} ${foreignAttributes.map((a) => `«${a}»`).join(', ')} di ${engines}. ${FOREIGN_ADVICE}`,
        elementId: entry.elementId,
        ...at(),
      });
    }
    if (attrs.xmlns !== undefined && foreignEngineOfUri(attrs.xmlns)) {
      this.report(this.forbidden, {
        code: 'FOREIGN_EXTENSION_NOT_ALLOWED',
        message: `${capitalise(where(entry))} dichiara come spazio dei nomi predefinito quello di ${foreignEngineOfUri(attrs.xmlns)}. ${FOREIGN_ADVICE}`,
        elementId: entry.elementId,
        ...at(),
      });
    }

    for (const [attribute, value] of Object.entries(attrs)) {
      const code = findCodeLikeText(value);
      if (code) {
        this.report(this.forbidden, {
          code: 'JS_EXPRESSION_NOT_ALLOWED',
          message: `L'attributo «${attribute}» ${where(entry, false, 'di')} ${codeLikeMessage(code.kind)}`,
          elementId: entry.elementId,
          ...this.attributePosition(
            tag,
            rawAttrs[attribute],
            rawAttrs[attribute].indexOf(code.fragment),
          ),
        });
      }
    }

    if (name.startsWith('bpmn:')) this.checkLanguages(entry, attrs, at);

    if (SCRIPT_TASKS.has(name)) {
      entry.isScriptTask = true;
      entry.scriptTask = {
        name: entry.identified && entry.label ? entry.label : `<${originalName}>`,
        elementId: entry.elementId,
        position: at(),
        refused: false,
        taskDefinition: false,
      };
      const format = attrs.scriptFormat ?? attrs['bpmn:scriptFormat'];
      const language = attrs.scriptLanguage ?? attrs['bpmn:scriptLanguage'];
      const declared = format ?? language;
      if (declared !== undefined && !isFeelLanguage(declared)) {
        entry.scriptTask.refused = true;
        this.report(this.forbidden, {
          code: 'SCRIPT_NOT_ALLOWED',
          message: `Il compito script ${entry.scriptTask.name} dichiara il linguaggio «${declared}»: un modello non può contenere codice, è ammesso solo FEEL.`,
          elementId: entry.elementId,
          ...at(),
        });
      }
      return;
    }

    const scriptTask = entry.scriptTask;
    if (name === 'zeebe:script' && scriptTask) {
      scriptTask.zeebeScript = {
        expression: attrs.expression,
        resultVariable: attrs.resultVariable,
        position: at(),
      };
    } else if (name === 'zeebe:taskDefinition' && scriptTask) {
      scriptTask.taskDefinition = true;
    } else if (name === 'zeebe:userTask') {
      this.report(this.unsupported, {
        code: 'ZEEBE_USER_TASK_NOT_SUPPORTED',
        message: `Il compito utente${entry.label ? ` ${entry.label}` : ''} è un «Camunda user task» (zeebe:userTask): Percorsi gestisce i compiti utente come job e questo compito non comparirebbe nella lista dei compiti. In Camunda Modeler scegli l'implementazione «Job worker».`,
        elementId: entry.elementId,
        ...at(),
      });
    }
  }

  /** `language` on expressions, `expressionLanguage` on definitions: FEEL only. */
  private checkLanguages(
    entry: OpenElement,
    attrs: Record<string, string>,
    at: () => TextPosition,
  ): void {
    const language = attrs.language ?? attrs['bpmn:language'];
    if (language !== undefined && !isFeelLanguage(language)) {
      this.report(this.forbidden, {
        code: 'SCRIPT_NOT_ALLOWED',
        message: `L'espressione ${where(entry, false, 'in')} dichiara il linguaggio «${language}»: un modello non può contenere codice, è ammesso solo FEEL.`,
        elementId: entry.elementId,
        ...at(),
      });
    }
    const expressionLanguage = attrs.expressionLanguage ?? attrs['bpmn:expressionLanguage'];
    if (
      entry.name === 'bpmn:definitions' &&
      expressionLanguage !== undefined &&
      !isAllowedExpressionLanguage(expressionLanguage)
    ) {
      this.report(this.forbidden, {
        code: 'SCRIPT_NOT_ALLOWED',
        message: `Il modello dichiara come linguaggio delle espressioni «${expressionLanguage}»: è ammesso solo FEEL.`,
        elementId: entry.elementId,
        ...at(),
      });
    }
  }

  /** Text or CDATA of the innermost open element. */
  private checkBody(entry: OpenElement, text: string, raw: string, start: number): void {
    if (entry.foreign) return;
    if (entry.name === 'bpmn:script') {
      const scriptTask = entry.scriptTask;
      if (scriptTask?.refused) return;
      if (scriptTask) scriptTask.refused = true;
      this.report(this.forbidden, {
        code: 'SCRIPT_NOT_ALLOWED',
        message: `${scriptTask ? `Il compito script ${scriptTask.name}` : capitalise(where(entry))} contiene codice (<bpmn:script>): un modello non può contenere codice. Usa un'espressione FEEL (zeebe:script) oppure affida il lavoro a un worker (zeebe:taskDefinition).`,
        elementId: entry.elementId,
        ...this.positions.at(start + raw.length - raw.trimStart().length),
      });
      return;
    }
    const code = findCodeLikeText(text);
    if (!code) return;
    const rawIndex = raw.indexOf(code.fragment);
    this.report(this.forbidden, {
      code: 'JS_EXPRESSION_NOT_ALLOWED',
      message: `Il testo ${where(entry, false, 'di')} ${codeLikeMessage(code.kind)}`,
      elementId: entry.elementId,
      ...this.positions.at(start + Math.max(0, rawIndex)),
    });
  }

  private closeScriptTask(task: ScriptTaskState): void {
    if (task.refused) return;
    const script = task.zeebeScript;
    if (script) {
      if (!script.expression?.trim().startsWith('=')) {
        this.report(this.forbidden, {
          code: 'SCRIPT_NOT_ALLOWED',
          message: `Lo script del compito ${task.name} deve essere un'espressione FEEL, che inizia con «=» (per esempio «=importo * 2»).`,
          elementId: task.elementId,
          ...script.position,
        });
      }
      if (!script.resultVariable?.trim()) {
        this.report(this.forbidden, {
          code: 'SCRIPT_NOT_ALLOWED',
          message: `Lo script FEEL del compito ${task.name} deve indicare la variabile in cui salvare il risultato (resultVariable).`,
          elementId: task.elementId,
          ...script.position,
        });
      }
      return;
    }
    if (!task.taskDefinition) {
      this.report(this.forbidden, {
        code: 'SCRIPT_NOT_ALLOWED',
        message: `Il compito script ${task.name} non ha né un'espressione FEEL (zeebe:script con resultVariable) né un tipo di lavoro per un worker (zeebe:taskDefinition): sono le sole due forme ammesse.`,
        elementId: task.elementId,
        ...task.position,
      });
    }
  }

  // helpers ///////////////////////////////////////////////////////////////

  private report(list: ValidationProblem[], problem: ValidationProblem): void {
    if (this.forbidden.length + this.unsupported.length < MAX_REPORTED_PROBLEMS) {
      list.push(problem);
    }
  }

  private stop(problem: ValidationProblem): void {
    this.fatal = problem;
    this.parser.stop();
  }

  /** saxen's own position: O(offset) per call, so only for the event that stops the scan. */
  private parserPosition(getContext: GetContext): TextPosition {
    const { line, column } = getContext();
    return { line: line + 1, column: column + 1 };
  }

  /**
   * Position of `indexInValue` inside an attribute's raw value, when the value
   * can be found in the tag; else the start of the value, else the tag.
   */
  private attributePosition(tag: Markup, rawValue: string, indexInValue: number): TextPosition {
    const valueStart = rawValue ? this.xml.slice(tag.start, tag.end).indexOf(rawValue) : -1;
    if (valueStart < 0) return this.positions.at(tag.start);
    return this.positions.at(tag.start + valueStart + Math.max(0, indexInValue));
  }

  private badReference(text: string, position: TextPosition): ValidationProblem {
    return {
      code: 'XML_MALFORMED',
      message: `Riferimento non valido «${text}»: in XML sono ammessi solo &amp; &lt; &gt; &quot; &apos; e i codici numerici (come &#36;). Il carattere «&» va scritto «&amp;».`,
      ...position,
    };
  }

  /**
   * Where an element left open by mistake was opened: walks back from
   * `before` over `<name` / `</name` pairs, skipping self-closing tags.
   * (Occurrences inside comments or CDATA would mislead it; it only feeds
   * the message, never the reported line and column.)
   */
  private openingPosition(originalName: string, before: number): TextPosition | undefined {
    const escaped = originalName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const tags = [
      ...this.xml.slice(0, before).matchAll(new RegExp(`<(/?)${escaped}(?=[\\s/>])`, 'g')),
    ];
    let depth = 0;
    for (let i = tags.length - 1; i >= 0; i--) {
      const index = tags[i].index;
      if (tags[i][1]) {
        depth++;
      } else if (!this.isSelfClosing(index)) {
        if (depth === 0) return this.positions.at(index);
        depth--;
      }
    }
    return undefined;
  }

  private isSelfClosing(tagStart: number): boolean {
    for (let i = tagStart + 1; i < this.xml.length; i++) {
      const c = this.xml[i];
      if (c === '"' || c === "'") {
        const close = this.xml.indexOf(c, i + 1);
        if (close < 0) return false;
        i = close;
      } else if (c === '>') {
        return this.xml[i - 1] === '/';
      }
    }
    return false;
  }

  private describeParserError(detail: string, data: string, position: TextPosition): string {
    const open = this.stack[this.stack.length - 1];
    switch (detail) {
      case 'closing tag mismatch': {
        const found = data.trim();
        if (!open) return `Il tag di chiusura ${found} non corrisponde ad alcun tag aperto.`;
        const opened = this.openingPosition(
          open.originalName,
          this.positions.offsetOfParserPosition(position.line - 1, position.column - 1),
        );
        return `Il tag <${open.originalName}>${openedAt(opened)} non è chiuso: al suo posto c'è ${found}.`;
      }
      case 'missing open tag':
        return `Il tag di chiusura ${data.trim()} non corrisponde ad alcun tag aperto.`;
      case 'unclosed tag':
        return 'Un tag non è chiuso da «>» prima della fine del file.';
      case 'unclosed comment':
        return 'Un commento «<!--» non è chiuso da «-->».';
      case 'unclosed cdata':
        return 'Una sezione «<![CDATA[» non è chiusa da «]]>».';
      case 'unclosed question':
        return "Un'istruzione «<?» non è chiusa da «?>».";
      case 'non-whitespace outside of root node':
        return "C'è del testo fuori dall'elemento principale <bpmn:definitions>.";
      case 'missing start tag':
        return 'Il file non contiene alcun elemento XML.';
    }
    const prefix = /^missing namespace (?:on <([^>]*)>|for prefix <([^>]*)>)/.exec(detail);
    if (prefix) {
      return `Il prefisso «${(prefix[1] ?? prefix[2]).split(':')[0]}» non è dichiarato: manca l'attributo xmlns corrispondente.`;
    }
    if (/attribute|quote/.test(detail)) {
      return `Un attributo del tag ${tagName(data)} è scritto male (virgolette, nome ripetuto o carattere non ammesso).`;
    }
    return 'Il file non è XML valido.';
  }
}

// message helpers /////////////////////////////////////////////////////////

const FOREIGN_ADVICE =
  'Percorsi esegue modelli per Camunda 8 (estensioni zeebe:); quelle di altri motori possono eseguire codice e non sono ammesse. Esporta il modello per Camunda 8.';

function labelOf(id: string, name: string | undefined): string {
  const trimmed = name?.trim();
  return trimmed ? `«${trimmed}» (${id})` : `«${id}»`;
}

/**
 * `l'elemento «Nome» (Id)` for an element with an id, `<tag> dell'elemento
 * «Nome» (Id)` for an anonymous child such as `<zeebe:input>`; with
 * `elementOnly`, the nearest element that has an id. `di` / `in` give the
 * Italian articulated forms (`dell'elemento …`, `di <tag> …`).
 */
function where(entry: OpenElement, elementOnly = false, preposition?: 'di' | 'in'): string {
  if (entry.label && (entry.identified || elementOnly)) {
    if (preposition === 'di') return `dell'elemento ${entry.label}`;
    if (preposition === 'in') return `nell'elemento ${entry.label}`;
    return `l'elemento ${entry.label}`;
  }
  const tag = `<${entry.originalName}>`;
  const owner = entry.label ? ` dell'elemento ${entry.label}` : '';
  return preposition ? `${preposition} ${tag}${owner}` : `${tag}${owner}`;
}

function codeLikeMessage(kind: CodeLikeText): string {
  return kind === 'placeholder'
    ? "contiene un'espressione «${…}» (o «#{…}») in stile JavaScript/JUEL: sono ammesse solo espressioni FEEL, che iniziano con «=» (per esempio «=importo > 100»)."
    : 'contiene un indirizzo «javascript:», che eseguirebbe codice: non è ammesso.';
}

function openedAt(position: TextPosition | undefined): string {
  return position ? ` (aperto alla riga ${position.line}, colonna ${position.column})` : '';
}

function tagName(data: string): string {
  const match = /^<\/?([^\s/>]+)/.exec(data.trim());
  return match ? `<${match[1]}>` : '';
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function plural(count: number, one: string, many: string): string {
  return count === 1 ? one : many;
}
