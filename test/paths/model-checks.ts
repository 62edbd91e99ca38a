import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileFormSchema, validateFormData } from '../../src/tasks/forms';
import type { FormSchema, FormValidationResult } from '../../src/tasks/forms/form-schema.types';

/**
 * What the path specs repeat besides the driver's steps: the Rome calendar their legal dates
 * are written in, the shipped files under bpmn/, and the check of a model's forms one by one.
 * The checks every shipped model owes (lint, documentation, forms present and compiling) are
 * in shipped-models.spec.ts.
 */

/** A file under bpmn/ (`paths/x.bpmn`, `forms/y.form`) as shipped. */
export const read = (file: string) => readFileSync(join(__dirname, '../../bpmn', file), 'utf8');

/** The day an instant falls on in Rome (YYYY-MM-DD). */
export const romeDay = (at: Date) => at.toLocaleDateString('sv-SE', { timeZone: 'Europe/Rome' });

/** The calendar day `days` after (or before) `day`, both YYYY-MM-DD. */
export const plusDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The instant a day is over in Rome (UTC+1 or +2): where a deadline's timer and task fall. */
export const endOfRomeDay = (day: string) =>
  [2, 1]
    .map((hours) => new Date(Date.parse(`${plusDays(day, 1)}T00:00:00Z`) - hours * 3_600_000))
    .find((at) => romeDay(at) === plusDays(day, 1))!
    .toISOString();

/** A form validation's problems as `field:CODE` (none when it passed). */
const problems = (result: FormValidationResult) =>
  result.ok ? [] : result.problems.map((p) => `${p.field}:${p.code}`);

/** [form, variables it opens with, a realistic submission, a wrong one, the problems expected]. */
export type FormCase = [
  string,
  Record<string, unknown>,
  Record<string, unknown>,
  Record<string, unknown>,
  string[],
];

/**
 * One describe per form: it compiles, takes the realistic submission and refuses the wrong one
 * with exactly the problems expected (sorted). A field set to undefined is left out, as the
 * browser's JSON leaves it out.
 */
export function describeForms(cases: FormCase[], now = new Date('2026-03-02T09:00:00Z')): void {
  const sent = (data: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined));

  describe.each(cases)('%s.form', (id, variables, valid, wrong, expected) => {
    const schema = JSON.parse(read(`forms/${id}.form`)) as FormSchema;

    it('accepts a realistic submission and refuses a wrong one field by field', () => {
      expect(() => compileFormSchema(schema)).not.toThrow();
      expect(validateFormData(schema, sent(valid), { variables, now })).toMatchObject({
        ok: true,
      });
      expect(problems(validateFormData(schema, sent(wrong), { variables, now })).sort()).toEqual(
        expected,
      );
    });
  });
}
