import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileFormSchema } from '../../src/tasks/forms';
import { validateModel } from '../../src/models/validation';

const PATHS = [
  'adozione',
  'valutazione-art31',
  'anziani-domiciliarita',
  'progetto-individuale-disabilita',
  'violenza-donne',
  'housing-first',
];
const read = (file: string) => readFileSync(join(__dirname, '../../bpmn', file), 'utf8');

/** The models the app deploys at start (a lint failure would stop it), through the same validation. */
describe.each(PATHS)('bpmn/paths/%s.bpmn', (id) => {
  const xml = read(`paths/${id}.bpmn`);

  it('passes the deployment validation (bpmnlint recommended + Camunda 8.5)', async () => {
    const result = await validateModel(xml);
    if (!result.ok) throw new Error(JSON.stringify(result.problems, null, 1));
    // The one warning allowed: two proroga messages of one model share the name deadline-extended.
    expect(
      result.warnings.filter(
        (w) => !(w.rule === 'global' && /Message_\w+Extended/.test(w.elementId ?? '')),
      ),
    ).toEqual([]);
  });

  it('calls presa-in-carico, documents its deadlines, and every form it names exists and compiles', () => {
    expect(xml).toContain(
      '<zeebe:calledElement processId="presa-in-carico" propagateAllChildVariables="true" />',
    );
    expect(xml).toMatch(/<bpmn:documentation>[^<]*Termini/);
    const formKeys = [...xml.matchAll(/formKey="([^"]+)"/g)].map((m) => m[1]);
    expect(formKeys.length).toBeGreaterThan(0);
    for (const key of new Set(formKeys)) {
      const schema = JSON.parse(read(`forms/${key}.form`));
      expect(schema.id).toBe(key);
      expect(() => compileFormSchema(schema)).not.toThrow();
    }
  });
});
