import { BpmnModdle, type ImportWarning, type ModdleElement, type ParseError } from 'bpmn-moddle';
import zeebeSchema from 'zeebe-bpmn-moddle/resources/zeebe.json';
import type { ValidationProblem } from './validation-result';
import type { TextPosition, XmlPositions } from './xml-positions';

export type ReadBpmnResult =
  | {
      ok: true;
      definitions: ModdleElement;
      elementsById: Record<string, ModdleElement>;
      /** The reader's warnings; any of them makes Zeebe refuse the file, so they block. */
      problems: ValidationProblem[];
    }
  | { ok: false; problems: ValidationProblem[] };

/**
 * Reads the model with bpmn-moddle and the Zeebe extension, as bpmn-js and
 * camunda-compat expect. Runs only on text the scanner found well-formed and
 * free of declarations. Its warnings (unknown elements, duplicate or illegal
 * ids, dangling references, unknown attributes) all become MODEL_INVALID:
 * moddle reads past them, Zeebe's schema validation would not.
 */
export async function readBpmn(xml: string, positions: XmlPositions): Promise<ReadBpmnResult> {
  // One instance per read: the definitions handed back keep a link to it.
  const moddle = BpmnModdle({ zeebe: zeebeSchema });
  try {
    const { rootElement, elementsById, warnings } = await moddle.fromXML(xml, 'bpmn:Definitions');
    return {
      ok: true,
      definitions: rootElement,
      elementsById,
      problems: warnings.map((warning) => toProblem(warning, positions)),
    };
  } catch (error) {
    const detail = (error as ParseError).message;
    const notBpmn = /^failed to parse document as/.test(detail);
    return {
      ok: false,
      problems: [
        {
          code: notBpmn ? 'NOT_BPMN' : 'XML_MALFORMED',
          message: notBpmn
            ? 'Il file non è un modello BPMN 2.0.'
            : 'Il file non può essere letto come modello BPMN.',
          detail,
        },
      ],
    };
  }
}

const UNPARSABLE =
  /^unparsable content (.*?) ?detected\n\tline: (\d+)\n\tcolumn: (\d+)\n\tnested error: (.*)$/s;

function toProblem(warning: ImportWarning, positions: XmlPositions): ValidationProblem {
  const detail = warning.message;
  const owner = warning.element;
  const ownerId = owner?.id;
  const ownerLabel = owner ? labelOf(owner) : undefined;
  const ownerPosition = ownerId ? positions.ofElementId(ownerId) : undefined;

  const unparsable = UNPARSABLE.exec(detail);
  if (unparsable) {
    // moddle reports saxen's 0-based line and column.
    const position: TextPosition = {
      line: Number(unparsable[2]) + 1,
      column: Number(unparsable[3]) + 1,
    };
    return {
      code: 'MODEL_INVALID',
      message: describeNested(unparsable[4], unparsable[1]),
      detail,
      ...position,
      ...idOf(unparsable[4]),
    };
  }

  let match: RegExpExecArray | null;
  if ((match = /^unresolved reference <(.*)>$/.exec(detail))) {
    return {
      code: 'MODEL_INVALID',
      message: `${ownerLabel ? `L'elemento ${ownerLabel}` : 'Un elemento'} rimanda a «${match[1]}», che non esiste nel modello${warning.property ? ` (proprietà ${warning.property})` : ''}.`,
      detail,
      elementId: ownerId,
      ...ownerPosition,
    };
  }
  if ((match = /^unknown attribute <(.*)>$/.exec(detail))) {
    return {
      code: 'MODEL_INVALID',
      message: `L'attributo «${match[1]}» non esiste in BPMN 2.0${ownerLabel ? ` (elemento ${ownerLabel})` : ''}.`,
      detail,
      elementId: ownerId,
      ...ownerPosition,
    };
  }
  if ((match = /^unsupported document encoding <(.*)>/.exec(detail))) {
    return {
      code: 'MODEL_INVALID',
      message: `Il file dichiara la codifica «${match[1]}»: salva il modello in UTF-8.`,
      detail,
      line: 1,
      column: 1,
    };
  }
  return {
    code: 'MODEL_INVALID',
    message: 'Il modello contiene una parte non valida.',
    detail,
    elementId: ownerId,
    ...ownerPosition,
  };
}

function describeNested(nested: string, content: string): string {
  let match: RegExpExecArray | null;
  if ((match = /^(?:unknown type|unrecognized element) <(.*)>$/.exec(nested))) {
    return `L'elemento ${content || `<${match[1]}>`} non fa parte di BPMN 2.0 né delle estensioni di Camunda 8.`;
  }
  if ((match = /^duplicate ID <(.*)>$/.exec(nested))) {
    return `L'identificativo «${match[1]}» è usato da più elementi: ogni elemento deve averne uno suo.`;
  }
  if ((match = /^illegal ID <(.*)>$/.exec(nested))) {
    return `«${match[1]}» non è un identificativo valido: usa lettere, cifre, «_», «-» o «.», senza spazi e senza iniziare con una cifra.`;
  }
  if (/^unexpected body text/.test(nested)) {
    return `L'elemento ${content} contiene del testo dove BPMN non ne prevede.`;
  }
  return `Il contenuto ${content} non è valido in un modello BPMN.`;
}

function idOf(nested: string): { elementId?: string } {
  const match = /^duplicate ID <(.*)>$/.exec(nested);
  return match ? { elementId: match[1] } : {};
}

function labelOf(element: ModdleElement): string {
  const name = typeof element.name === 'string' ? element.name.trim() : '';
  if (element.id) return name ? `«${name}» (${element.id})` : `«${element.id}»`;
  return `<${element.$type}>`;
}
