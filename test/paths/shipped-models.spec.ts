import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PATH_PROCESS_IDS } from '../../src/cases/paths';
import { compileBpmn } from '../../src/engine/embedded/compile';
import { validateModel } from '../../src/models/validation';
import { compileFormSchema } from '../../src/tasks/forms';
import { UNIT_DUTY_PROCESS_IDS } from '../../src/units/duties/unit-duties';

const dir = join(__dirname, '../../bpmn');
const read = (file: string) => readFileSync(join(dir, file), 'utf8');
const models = readdirSync(join(dir, 'paths'))
  .filter((f) => f.endsWith('.bpmn'))
  .sort();
const forms = readdirSync(join(dir, 'forms'))
  .filter((f) => f.endsWith('.form'))
  .map((f) => f.slice(0, -'.form'.length));

/**
 * Every model the app deploys at start (one failing the lint would stop the start) through the
 * deployment's own validation, every form it names present and compiling; the paths and duties
 * the API can start each shipped; no form left behind by a model.
 */
describe('the shipped models', () => {
  it.each(models)(
    '%s passes the deployment validation with no warning, is documented, and its forms compile',
    async (file) => {
      const xml = read(`paths/${file}`);
      const result = await validateModel(xml);
      if (!result.ok) throw new Error(JSON.stringify(result.problems, null, 1));
      expect(result.warnings).toEqual([]);
      // One process per file, named as the file: the API starts paths and duties by that id.
      expect(result.processes.map((p) => p.bpmnProcessId)).toEqual([file.slice(0, -5)]);
      await expect(compileBpmn(xml)).resolves.toBeDefined();
      // Its legal basis and what is uncertain are written in the model, for whoever edits it.
      expect(xml).toMatch(/<bpmn:process [^>]*>\s*<bpmn:documentation>[^<]{80,}/);
      for (const key of new Set([...xml.matchAll(/formKey="([^"]+)"/g)].map((m) => m[1]))) {
        expect(forms).toContain(key);
        const schema = JSON.parse(read(`forms/${key}.form`));
        expect(schema.id).toBe(key);
        expect(() => compileFormSchema(schema)).not.toThrow();
      }
    },
  );

  it('ships a model for every path a case can be opened on and every duty a unit can start', () => {
    const shipped = models.map((f) => f.slice(0, -'.bpmn'.length));
    for (const id of [
      ...Object.values(PATH_PROCESS_IDS),
      ...Object.values(UNIT_DUTY_PROCESS_IDS),
    ]) {
      expect(shipped).toContain(id);
    }
  });

  it('begins every case path with the take in charge (presa-in-carico), but a follow-up', () => {
    // A referral to another service follows a case that has its case manager already.
    const followUps: string[] = [PATH_PROCESS_IDS.serviceReferral];
    for (const id of Object.values(PATH_PROCESS_IDS).filter((p) => !followUps.includes(p))) {
      expect([id, read(`paths/${id}.bpmn`)]).toEqual([
        id,
        expect.stringContaining(
          '<zeebe:calledElement processId="presa-in-carico" propagateAllChildVariables="true" />',
        ),
      ]);
    }
  });

  it('uses every form it ships', () => {
    const used = new Set(
      models.flatMap((f) =>
        [...read(`paths/${f}`).matchAll(/formKey="([^"]+)"/g)].map((m) => m[1]),
      ),
    );
    expect(forms.filter((f) => !used.has(f))).toEqual([]);
  });
});
