/**
 * Zeebe 8.5 has no business key. Percorsi's (the case number) travels as this root variable of
 * the instance: the Zeebe adapter sets it at creation, and whatever fills the read side from
 * Zeebe (the embedded gateway, the exporter's consumer) takes the instance's business key from it.
 */
export const BUSINESS_KEY_VARIABLE = 'businessKey';
