#!/usr/bin/env node
// How much of each shipped path the tests take (issue 14): runs the specs (default the paths' and
// the cases' suites; others as arguments) with every test app writing the elements and sequence
// flows its engine took (BPMN_COVERAGE_DIR, test/support/test-app.ts), then prints per model in
// bpmn/paths the share of its sequence flows and of its flow nodes taken, and what was not.
// Usage: npm run coverage:bpmn [-- <jest paths…>]
const { spawnSync } = require('node:child_process');
const { mkdtempSync, readdirSync, readFileSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { dirname, join } = require('node:path');

const root = join(__dirname, '..');
const specs = process.argv.slice(2);
const dir = mkdtempSync(join(tmpdir(), 'bpmn-coverage-'));

async function main() {
  const run = spawnSync(
    process.execPath,
    [
      '--experimental-vm-modules',
      '--no-warnings=ExperimentalWarning',
      join(root, 'node_modules/jest/bin/jest.js'),
      ...(specs.length ? specs : ['test/paths', 'test/cases']),
    ],
    { cwd: root, stdio: 'inherit', env: { ...process.env, BPMN_COVERAGE_DIR: dir } },
  );
  const taken = new Map();
  for (const file of readdirSync(dir)) {
    for (const { processId, elementId } of JSON.parse(readFileSync(join(dir, file), 'utf8'))) {
      if (!taken.has(processId)) taken.set(processId, new Set());
      taken.get(processId).add(elementId);
    }
  }
  rmSync(dir, { recursive: true, force: true });

  const rows = [];
  const missed = [];
  const modelsDir = join(root, 'bpmn/paths');
  for (const file of readdirSync(modelsDir)
    .filter((f) => f.endsWith('.bpmn'))
    .sort()) {
    const { rootElement } = await parse(readFileSync(join(modelsDir, file), 'utf8'));
    for (const process of rootElement.rootElements.filter((e) => e.$type === 'bpmn:Process')) {
      const flows = [];
      const nodes = [];
      collect(process, flows, nodes);
      const seen = taken.get(process.id) ?? new Set();
      const share = (list) => list.filter((e) => seen.has(e.id));
      const flowsTaken = share(flows);
      const nodesTaken = share(nodes);
      rows.push([
        process.id,
        `${flowsTaken.length}/${flows.length}`,
        percent(flowsTaken.length, flows.length),
        `${nodesTaken.length}/${nodes.length}`,
        percent(nodesTaken.length, nodes.length),
      ]);
      // A model no test reached is the table's zero; the list is for the ones tested in part.
      const notTaken = [...flows, ...nodes].filter((e) => !seen.has(e.id));
      if (notTaken.length && seen.size) missed.push([process.id, notTaken]);
    }
  }
  const header = ['model', 'flows taken', '%', 'elements taken', '%'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(`\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  for (const row of rows) console.log(line(row));
  for (const [processId, elements] of missed) {
    console.log(`\n${processId}, not taken:`);
    for (const e of elements)
      console.log(`  ${e.id}${e.name ? ` «${e.name}»` : ''} (${e.$type.slice(5)})`);
  }
  process.exitCode = run.status ?? 1;
}

/** Sequence flows and flow nodes, inside sub-processes too. */
function collect(container, flows, nodes) {
  for (const element of container.flowElements ?? []) {
    if (element.$type === 'bpmn:SequenceFlow') flows.push(element);
    else if (element.$instanceOf('bpmn:FlowNode')) nodes.push(element);
    if (element.flowElements) collect(element, flows, nodes);
  }
}

function percent(part, whole) {
  return whole === 0 ? '—' : `${Math.floor((100 * part) / whole)} %`;
}

function parse(xml) {
  const BpmnModdle = require(
    join(dirname(require.resolve('bpmn-moddle/package.json')), 'dist/index.cjs'),
  );
  const zeebe = require('zeebe-bpmn-moddle/resources/zeebe.json');
  return new BpmnModdle({ zeebe }).fromXML(xml);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
