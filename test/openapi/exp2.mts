import { readFileSync } from 'node:fs';
import { createResponseValidator } from '../../src/openapi/response-validator.js';
import { listOperations } from '../../src/openapi/operations.js';
const doc = JSON.parse(readFileSync('node_modules/github-spec-old/generated/api.github.com.json', 'utf8'));
const v = createResponseValidator({ source: 'x', version: 'openapi-3.0', document: doc });
const times: Array<[number, string]> = [];
for (const op of listOperations(doc)) {
  if (op.method !== 'GET') continue;
  const t = performance.now();
  v.check(op, 200, 'application/json', {});
  times.push([performance.now() - t, op.key]);
}
times.sort((a, b) => b[0] - a[0]);
console.log(times.slice(0, 15).map(([t, k]) => t.toFixed(0) + ' ' + k).join('\n'));
console.log('total', times.reduce((s, [t]) => s + t, 0).toFixed(0), 'median', times[Math.floor(times.length / 2)]![0].toFixed(1));
