/**
 * What a caseworker (or a client's developer) reads when the server refuses a form. Italian,
 * short, one sentence; the browser form shows its own messages for the same rules.
 */
export const formMessages = {
  notAnObject: 'I dati del modulo devono essere un oggetto JSON.',
  required: 'Campo obbligatorio.',
  unknownField: 'Campo non previsto.',
  hiddenField: 'Campo nascosto dalle risposte date: non va compilato.',

  notText: 'Deve essere un testo.',
  notNumber: 'Deve essere un numero.',
  notBoolean: 'Deve essere vero o falso.',
  notList: 'Deve essere un elenco di valori.',
  notScalar: 'Deve essere un valore semplice (testo o numero).',
  notGroup: 'Deve essere un gruppo di campi (oggetto JSON).',
  notRows: 'Deve essere un elenco di righe.',
  notRow: 'Riga non valida: deve essere un oggetto JSON con i campi della riga.',

  notAllowed: (allowed: readonly unknown[]): string =>
    `Valore non ammesso: scegliere tra ${quoteAll(allowed)}.`,
  notAllowedItem: (value: unknown, allowed: readonly unknown[]): string =>
    `Valore non ammesso (${quote(value)}): scegliere tra ${quoteAll(allowed)}.`,
  duplicate: (value: unknown): string => `Valore ripetuto: ${quote(value)}.`,

  tooShort: (length: number): string =>
    `Almeno ${length} ${length === 1 ? 'carattere' : 'caratteri'}.`,
  tooLong: (length: number): string =>
    `Al massimo ${length} ${length === 1 ? 'carattere' : 'caratteri'}.`,
  pattern: 'Formato non valido.',
  email: 'Indirizzo email non valido.',
  phone: 'Numero di telefono non valido: usare il formato internazionale (es. +393331234567).',

  belowMin: (min: string): string => `Deve essere almeno ${min}.`,
  aboveMax: (max: string): string => `Deve essere al massimo ${max}.`,
  notInteger: 'Deve essere un numero intero.',
  tooManyDecimals: (digits: number): string =>
    `Al massimo ${digits} ${digits === 1 ? 'cifra decimale' : 'cifre decimali'}.`,
  increment: (previous: string, next: string): string =>
    `Valore non valido: i due valori ammessi più vicini sono ${previous} e ${next}.`,

  invalidDate: 'Data non valida (AAAA-MM-GG).',
  invalidTime: (hint: string): string => `Ora non valida (${hint}).`,
  invalidDateTime: (hint: string): string => `Data e ora non valide (AAAA-MM-GGT${hint}).`,
  pastDate: 'La data non può essere nel passato.',

  readonlyIgnored: 'Campo in sola lettura: il valore inviato non viene registrato.',
  disabledIgnored: 'Campo disattivato: il valore inviato non viene registrato.',
  expressionOptions:
    "Opzioni calcolate da un'espressione: il valore non è stato confrontato con un elenco.",
  inputOptions: (variable: string): string =>
    `Opzioni dalla variabile «${variable}», non disponibile: il valore non è stato confrontato con un elenco.`,
} as const;

function quote(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

function quoteAll(values: readonly unknown[]): string {
  return values.map(quote).join(', ');
}
