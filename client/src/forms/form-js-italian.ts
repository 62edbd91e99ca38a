import type { Plugin } from 'vite';

/**
 * form-js (1.23) has no translations: its messages, placeholders and labels are English literals
 * in the viewer's bundle. Each pair below is an exact piece of `@bpmn-io/form-js-viewer`'s
 * dist/index.es.js and what replaces it at build time. A piece that is no longer found FAILS the
 * build (and the dev server), so an upgrade of form-js cannot bring English back unnoticed: read
 * the new source, adjust the piece, build again.
 *
 * Not translated: the bpmn.io watermark ("Powered by bpmn.io" and its box), which form-js's
 * licence forbids changing; and texts only form-js's editor shows (component names).
 */
export const FORM_JS_ITALIAN: ReadonlyArray<readonly [english: string, italian: string]> = [
  // The validator's messages (form-js's Validator; the server checks the same rules in Italian).
  ["errors.push('Field is required.')", "errors.push('Campo obbligatorio.')"],
  [
    'errors.push(`Field must have minimum length of ${validation.minLength}.`)',
    'errors.push(`Il campo deve contenere almeno ${validation.minLength} caratteri.`)',
  ],
  [
    'errors.push(`Field must have maximum length of ${validation.maxLength}.`)',
    'errors.push(`Il campo può contenere al massimo ${validation.maxLength} caratteri.`)',
  ],
  [
    'errors.push(`Field must have minimum value of ${validation.min}.`)',
    'errors.push(`Il valore minimo ammesso è ${validation.min}.`)',
  ],
  [
    'errors.push(`Field must have maximum value of ${validation.max}.`)',
    'errors.push(`Il valore massimo ammesso è ${validation.max}.`)',
  ],
  [
    "errors.push('Min validation value is not a valid number.')",
    "errors.push('Il minimo indicato dal modulo non è un numero: avvisare l’amministratore.')",
  ],
  [
    "errors.push('Max validation value is not a valid number.')",
    "errors.push('Il massimo indicato dal modulo non è un numero: avvisare l’amministratore.')",
  ],
  [
    'validation.patternErrorMessage || `Field must match pattern ${validation.pattern}.`',
    "validation.patternErrorMessage || 'Il valore non è nel formato richiesto.'",
  ],
  [
    "errors.push('Field must be a valid  international phone number. (e.g. +4930664040900)')",
    "errors.push('Inserire un numero di telefono con il prefisso internazionale (ad esempio +390917401111).')",
  ],
  [
    "errors.push('Field must be a valid email.')",
    "errors.push('Inserire un indirizzo email valido.')",
  ],
  ["errors.push('Value is not a number.')", "errors.push('Il valore non è un numero.')"],
  [
    "errors.push('Value is expected to ' + (decimalDigits === 0 ? 'be an integer' : `have at most ${decimalDigits} decimal digit${decimalDigits > 1 ? 's' : ''}`) + '.')",
    "errors.push(decimalDigits === 0 ? 'Il valore deve essere un numero intero.' : `Il valore può avere al massimo ${decimalDigits} ${decimalDigits > 1 ? 'cifre decimali' : 'cifra decimale'}.`)",
  ],
  [
    'errors.push(`Please select a valid value, the two nearest valid values are ${previousValue} and ${nextValue}.`)',
    'errors.push(`Valore non ammesso: i due valori ammessi più vicini sono ${previousValue} e ${nextValue}.`)',
  ],
  [
    "['Date and time must both be entered.', ...errors]",
    "['Inserire sia la data sia l’ora.', ...errors]",
  ],
  // Dates as Italians write them, whatever the browser's language: 26/11/2026.
  ['dateFormat: getLocaleDateFlatpickrConfig(),', "dateFormat: 'd/m/Y',"],
  ['placeholder: getLocaleReadableDateFormat(),', "placeholder: 'gg/mm/aaaa',"],
  // Drop-downs: select, tag list, time.
  ["emptyListMessage = 'No results',", "emptyListMessage = 'Nessun risultato',"],
  ["placeholder: 'Search',", "placeholder: 'Cerca',"],
  ["children: valueLabel || 'Select'", "children: valueLabel || 'Scegliere…'"],
  [
    "placeholder: disabled || readonly ? undefined : 'Search',",
    "placeholder: disabled || readonly ? undefined : 'Cerca',",
  ],
  [
    "emptyListMessage: hasOptionsLeft ? 'No results' : 'All values selected',",
    "emptyListMessage: hasOptionsLeft ? 'Nessun risultato' : 'Tutti i valori sono già scelti',",
  ],
  ['label: "Skip to search",', 'label: "Vai alla ricerca",'],
  ['title: "Remove tag",', 'title: "Togli",'],
  // Number field.
  ['"aria-label": "Increment",', '"aria-label": "Aumenta",'],
  ['"aria-label": "Decrement",', '"aria-label": "Diminuisci",'],
  // Dynamic list.
  ['" ", \'Add new\']', '" ", \'Aggiungi\']'],
  ['" ", `Expand all (${values.length - 1})`]', '" ", `Mostra tutti (${values.length - 1})`]'],
  ['" ", \'Collapse\']', '" ", \'Comprimi\']'],
  [
    '"aria-label": `Remove list item ${itemIndex + 1}`,',
    '"aria-label": `Togli l’elemento ${itemIndex + 1}`,',
  ],
  // Table.
  [
    "evaluatedColumns.length === 0 ? 'Nothing to show.'",
    "evaluatedColumns.length === 0 ? 'Nessun dato.'",
  ],
  ['children: "Nothing to show."', 'children: "Nessun dato."'],
  ['"aria-label": "Previous page",', '"aria-label": "Pagina precedente",'],
  ['"aria-label": "Next page",', '"aria-label": "Pagina successiva",'],
  ['return `Click to sort by ${label} descending`;', 'return `Ordina per ${label}, decrescente`;'],
  ["return 'Click to remove sorting';", "return 'Togli l’ordinamento';"],
  ['return `Click to sort by ${label} ascending`;', 'return `Ordina per ${label}, crescente`;'],
  // Embedded page, image, files, documents.
  ['text: "No content to show."', 'text: "Nessun contenuto da mostrare."'],
  [
    'text: "External content couldn\'t be loaded."',
    'text: "Non è stato possibile caricare il contenuto esterno."',
  ],
  ['alt: "This is an image placeholder",', 'alt: "Immagine non disponibile",'],
  ['children: "Browse"', 'children: "Scegli il file"'],
  ["return 'No files selected';", "return 'Nessun file scelto';"],
  ['return `${files.length} files selected`;', 'return `${files.length} file scelti`;'],
  [
    "errors.push('Document reference is not defined.')",
    "errors.push('Il modulo non indica il documento: avvisare l’amministratore.')",
  ],
  [
    "errors: ['Unable to download document']",
    "errors: ['Non è stato possibile scaricare il documento.']",
  ],
  [
    "const errorMessage = 'Unable to download document';",
    "const errorMessage = 'Non è stato possibile scaricare il documento.';",
  ],
  ['"aria-label": `Download ${fileName}`,', '"aria-label": `Scarica ${fileName}`,'],
  [
    "buildErrorState('No options source defined in the form definition')",
    "buildErrorState('Il modulo non indica da dove prendere le scelte: avvisare l’amministratore.')",
  ],
];

/** The viewer's bundle, as Vite resolves `@bpmn-io/form-js-viewer` (its `import` export). */
const VIEWER = /[\\/]@bpmn-io[\\/]form-js-viewer[\\/]dist[\\/]index\.es\.js$/;

/** The viewer's code with every English piece replaced; throws naming the pieces not found. */
export function translateFormJs(code: string): string {
  const missing: string[] = [];
  for (const [english, italian] of FORM_JS_ITALIAN) {
    const parts = code.split(english);
    if (parts.length === 1) missing.push(english);
    code = parts.join(italian);
  }
  if (missing.length > 0)
    throw new Error(
      `form-js in italiano: ${missing.length} testi inglesi non si trovano più in @bpmn-io/form-js-viewer ` +
        `(aggiornato?). Correggere client/src/forms/form-js-italian.ts:\n  ${missing.join('\n  ')}`,
    );
  return code;
}

/**
 * The Vite (and Rolldown) plugin that translates the viewer; in a build, it also fails when the
 * viewer was never met, so a change in how it is imported cannot skip the translation.
 */
export function italianFormJs(): Plugin {
  let building = false;
  let translated = false;
  return {
    name: 'percorsi-form-js-italian',
    enforce: 'pre',
    configResolved(config) {
      building = config.command === 'build';
    },
    transform(code, id) {
      if (!VIEWER.test(id.replace(/\?.*$/, ''))) return null;
      translated = true;
      return { code: translateFormJs(code), map: null };
    },
    buildEnd(error) {
      if (building && !error && !translated)
        this.error('form-js in italiano: @bpmn-io/form-js-viewer non è stato tradotto.');
    },
  };
}
