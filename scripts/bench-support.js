// What the HTTP benchmarks share: the built app started on a database, sign-ins, and latency
// percentiles of sequential requests after a warm-up.
const { spawn } = require('node:child_process');
const { join } = require('node:path');

const dist = join(__dirname, '..', 'dist');
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const pct = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** dist/main.js with this environment, once /api/health/ready answers. */
async function startApp(env) {
  const child = spawn(process.execPath, [join(dist, 'main.js')], {
    env: { PATH: process.env.PATH, PORT: '0', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  let url;
  while (!url) {
    if (child.exitCode !== null) throw new Error(`app exited with ${child.exitCode}:\n${out}`);
    url = /Percorsi is ready at (http:\/\/[^/]+)\//.exec(out)?.[1];
    if (!url) await sleep(10);
  }
  while ((await fetch(`${url}/api/health/ready`).catch(() => ({ ok: false }))).ok !== true)
    await sleep(10);
  return { child, url };
}

async function login(url, username, password) {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok)
    throw new Error(`login ${username}: ${response.status} ${await response.text()}`);
  return (await response.json()).accessToken;
}

/** p50/p95/p99/mean of `requests` sequential GETs after `warmup` unmeasured ones. */
async function measure(label, target, { token, path, check }, { warmup, requests }) {
  const times = [];
  for (let i = 0; i < warmup + requests; i++) {
    const p = path();
    const t0 = process.hrtime.bigint();
    const response = await fetch(`${target}${p}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const body = await response.json();
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (!response.ok) throw new Error(`${label} ${p}: ${response.status} ${JSON.stringify(body)}`);
    check?.(body, p);
    if (i >= warmup) times.push(ms);
  }
  times.sort((a, b) => a - b);
  return {
    label,
    p50: pct(times, 50),
    p95: pct(times, 95),
    p99: pct(times, 99),
    mean: times.reduce((a, b) => a + b, 0) / times.length,
  };
}

/** The engine benchmarks' model: start → `tasks` service tasks (job type `bench`) → end, with its diagram. */
function engineModel(tasks) {
  const nodes = ['start', ...Array.from({ length: tasks }, (_, i) => `task${i + 1}`), 'end'];
  const flows = nodes.slice(1).map((n, i) => ({ id: `f${i + 1}`, from: nodes[i], to: n }));
  const inc = (id) =>
    flows
      .filter((f) => f.to === id)
      .map((f) => `<bpmn:incoming>${f.id}</bpmn:incoming>`)
      .join('');
  const out = (id) =>
    flows
      .filter((f) => f.from === id)
      .map((f) => `<bpmn:outgoing>${f.id}</bpmn:outgoing>`)
      .join('');
  const el = nodes.map((id) =>
    id === 'start'
      ? `<bpmn:startEvent id="start">${out(id)}</bpmn:startEvent>`
      : id === 'end'
        ? `<bpmn:endEvent id="end">${inc(id)}</bpmn:endEvent>`
        : `<bpmn:serviceTask id="${id}" name="${id}"><bpmn:extensionElements><zeebe:taskDefinition type="bench" /></bpmn:extensionElements>${inc(id)}${out(id)}</bpmn:serviceTask>`,
  );
  const shapes = nodes.map(
    (id, i) =>
      `<bpmndi:BPMNShape id="${id}_di" bpmnElement="${id}"><dc:Bounds x="${100 + i * 150}" y="100" width="80" height="80" /></bpmndi:BPMNShape>`,
  );
  const edges = flows.map(
    (f, i) =>
      `<bpmndi:BPMNEdge id="${f.id}_di" bpmnElement="${f.id}"><di:waypoint x="${180 + i * 150}" y="140" /><di:waypoint x="${250 + i * 150}" y="140" /></bpmndi:BPMNEdge>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="bench-defs" targetNamespace="http://bpmn.io/schema/bpmn">
<bpmn:process id="bench" name="Bench" isExecutable="true">${el.join('')}${flows.map((f) => `<bpmn:sequenceFlow id="${f.id}" sourceRef="${f.from}" targetRef="${f.to}" />`).join('')}</bpmn:process>
<bpmndi:BPMNDiagram id="d"><bpmndi:BPMNPlane id="p" bpmnElement="bench">${shapes.join('')}${edges.join('')}</bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</bpmn:definitions>`;
}

module.exports = { dist, sleep, pct, startApp, login, measure, engineModel };
