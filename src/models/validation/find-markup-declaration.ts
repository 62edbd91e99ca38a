import type { ValidationProblem } from './validation-result';
import type { XmlPositions } from './xml-positions';

/**
 * `<!` that opens neither a comment nor a CDATA section: DOCTYPE, ENTITY,
 * ELEMENT, ATTLIST, NOTATION. Matched anywhere, even inside comments: a false
 * refusal costs a re-export, a missed one could cost the server.
 */
const MARKUP_DECLARATION = /<!(?!--|\[CDATA\[)\s*([A-Za-z]*)/;

/**
 * Refuses any document type or entity declaration before a parser sees the
 * text, so nothing can ever expand an entity (billion laughs) or fetch one
 * (XXE, `SYSTEM "file:///etc/passwd"`). One regular-expression pass: linear
 * in the size of the file, and nothing is allocated per entity.
 */
export function findMarkupDeclaration(
  xml: string,
  positions: XmlPositions,
): ValidationProblem | undefined {
  const match = MARKUP_DECLARATION.exec(xml);
  if (!match) return undefined;
  const keyword = match[1] ? match[1].toUpperCase() : '';
  return {
    code: 'DOCTYPE_NOT_ALLOWED',
    message:
      `Il file contiene una dichiarazione «<!${keyword}»: le dichiarazioni DOCTYPE ed ENTITY ` +
      'non sono ammesse, perché potrebbero far espandere testo senza limiti o leggere file ' +
      'del server. Rimuovila: un modello BPMN non ne ha bisogno.',
    ...positions.at(match.index),
  };
}
