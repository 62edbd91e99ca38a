/**
 * In-memory figures for the embedded engine core (no database): instance start, job
 * completion, recovery, and the size of a waiting instance's stored state, on a model of
 * ten service tasks in a row. A script that prints figures, not a test.
 *
 *   npx tsc --outDir /tmp/percorsi-bench --module commonjs --target es2022 --esModuleInterop \
 *     --skipLibCheck src/engine/embedded/__bench__/runner-bench.ts
 *   node /tmp/percorsi-bench/__bench__/runner-bench.js [instances]
 */
import { performance } from 'node:perf_hooks';
import { compileBpmn } from '../compile';
import { CompiledDefinition } from '../compiled-definition';
import { InstanceRunner } from '../instance-runner';

const TASKS = 10;

function model(): string {
  const tasks = Array.from(
    { length: TASKS },
    (_, i) => `
    <bpmn:serviceTask id="task${i}">
      <bpmn:extensionElements>
        <zeebe:taskDefinition type="step-${i}" />
        <zeebe:ioMapping><zeebe:input source="=caseNumber" target="ref" /><zeebe:output source="=result" target="r${i}" /></zeebe:ioMapping>
      </bpmn:extensionElements>
    </bpmn:serviceTask>
    <bpmn:sequenceFlow id="f${i + 1}" sourceRef="task${i}" targetRef="${i + 1 < TASKS ? `task${i + 1}` : 'end'}" />`,
  ).join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="Defs" targetNamespace="x">
  <bpmn:process id="bench" isExecutable="true">
    <bpmn:startEvent id="start" /><bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="task0" />
    ${tasks}
    <bpmn:endEvent id="end" />
  </bpmn:process>
</bpmn:definitions>`;
}

function stats(samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
  const p = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return `mean ${mean.toFixed(3)} ms, p50 ${p(0.5).toFixed(3)}, p95 ${p(0.95).toFixed(3)}, p99 ${p(0.99).toFixed(3)} (n=${samples.length})`;
}

async function main(): Promise<void> {
  const instances = Number(process.argv[2] ?? 500);
  let key = 1_000_000;
  const options = { clock: () => new Date(), nextKey: () => String(key++) };

  let t = performance.now();
  const compiled: CompiledDefinition = JSON.parse(JSON.stringify(await compileBpmn(model())));
  console.log(`compile (${TASKS} service tasks): ${(performance.now() - t).toFixed(1)} ms`);

  // Warm-up: JIT, the source-context cache.
  for (let i = 0; i < 50; i++) {
    const { runner } = await InstanceRunner.start(compiled, 'bench', {
      ...options,
      processInstanceKey: String(key++),
      variables: { caseNumber: 'W' },
    });
    for (let j = 0; j < TASKS; j++) runner.completeJob(runner.jobs[0].key, { result: j });
  }

  const starts: number[] = [];
  const completions: number[] = [];
  const runners: InstanceRunner[] = [];
  for (let i = 0; i < instances; i++) {
    t = performance.now();
    const { runner } = await InstanceRunner.start(compiled, 'bench', {
      ...options,
      processInstanceKey: String(key++),
      variables: { caseNumber: `C-${i}` },
    });
    starts.push(performance.now() - t);
    runners.push(runner);
  }
  const waitingState = JSON.stringify(runners[0].getState());
  const stateTimes: number[] = [];
  for (const runner of runners) {
    for (let j = 0; j < TASKS; j++) {
      const jobKey = runner.jobs[0].key;
      t = performance.now();
      runner.completeJob(jobKey, { result: j });
      completions.push(performance.now() - t);
      if (j === 4) {
        t = performance.now();
        JSON.stringify(runner.getState());
        stateTimes.push(performance.now() - t);
      }
    }
  }

  // The durable layer's path: recover from stored JSON, complete one job, store again.
  const recoveries: number[] = [];
  const roundTrips: number[] = [];
  const stored: string[] = [];
  for (let i = 0; i < instances; i++) {
    const { runner } = await InstanceRunner.start(compiled, 'bench', {
      ...options,
      processInstanceKey: String(key++),
      variables: { caseNumber: `R-${i}` },
    });
    stored.push(JSON.stringify(runner.getState()));
  }
  for (let i = 0; i < instances; i++) {
    t = performance.now();
    const runner = await InstanceRunner.recover(compiled, JSON.parse(stored[i]), options);
    recoveries.push(performance.now() - t);
    runner.completeJob(runner.jobs[0].key, { result: 0 });
    stored[i] = JSON.stringify(runner.getState());
    roundTrips.push(performance.now() - t);
  }
  const midState = stored[0];

  console.log(`instance start:            ${stats(starts)}`);
  console.log(`job completion (live):     ${stats(completions)}`);
  console.log(`getState + JSON.stringify: ${stats(stateTimes)}`);
  console.log(`recover from JSON:         ${stats(recoveries)}`);
  console.log(`recover + complete + save: ${stats(roundTrips)}`);
  console.log(`state size, waiting at task 1: ${waitingState.length} bytes`);
  console.log(`state size, waiting at task 2 after a recovery: ${midState.length} bytes`);
  const state = JSON.parse(waitingState) as { runtime: unknown; engine: unknown };
  console.log(
    `  of which runtime ${JSON.stringify(state.runtime).length} bytes, bpmn-engine ${JSON.stringify(state.engine).length} bytes`,
  );
  const mem = process.memoryUsage();
  console.log(
    `heap used ${(mem.heapUsed / 1048576).toFixed(0)} MB with ${instances} finished runners still referenced`,
  );
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
