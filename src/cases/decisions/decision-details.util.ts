import { DecisionKind } from './decision-catalog';

export interface DecisionDetail {
  key: string;
  label: string;
  /** As recorded: `YYYY-MM-DD` for a date, the option's value for a choice. */
  value: string;
  /** As a person reads it: `16/04/2026`, the option's label. */
  text: string;
}

/** The recorded values of a decision in the catalog's order, with their labels. */
export function decisionDetails(
  kind: DecisionKind,
  values: Record<string, string>,
): DecisionDetail[] {
  return kind.fields
    .filter((field) => values[field.key] !== undefined)
    .map((field) => {
      const value = values[field.key];
      const text =
        field.type === 'date'
          ? value.split('-').reverse().join('/')
          : field.type === 'choice'
            ? (field.options?.find((o) => o.value === value)?.label ?? value)
            : value;
      return { key: field.key, label: field.label, value, text };
    });
}
