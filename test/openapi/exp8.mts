import { readFileSync } from 'node:fs';
import { sample } from 'openapi-sampler';
import { createResponseValidator } from '../../src/openapi/response-validator.js';
import { listOperations } from '../../src/openapi/operations.js';
function strip(v: unknown): unknown { if (Array.isArray(v)) return v.map(strip); if (v && typeof v === 'object') { const o: Record<string, unknown> = {}; for (const [k, x] of Object.entries(v)) { if (k === 'example' || k === 'examples') continue; o[k] = strip(x); } return o; } return v; }
for (const file of ['node_modules/github-spec-old/generated/api.github.com.json', 'node_modules/github-spec-new/generated/api.github.com.json']) {
const doc = JSON.parse(readFileSync(file, 'utf8'));
const bare = strip(doc) as Record<string, unknown>;
const v = createResponseValidator({ source: file, version: 'openapi-3.0', document: doc });
let n = 0; const fails: string[] = [];
const t = Date.now();
for (const op of listOperations(doc)) {
  if (op.method !== 'GET') continue;
  for (const [status, res] of Object.entries(v.view(op).responses)) {
    if (!/^2/.test(status)) continue;
    const media = Object.keys(res.content).find((m) => m.includes('json'));
    if (!media) continue;
    const body = sample(res.content[media]!.schema as never, { skipWriteOnly: true, quiet: true, enablePatterns: true }, bare) as never;
    const r = v.check(op, Number(status), media, body); n++;
    if (r.kind !== 'checked' || r.mismatches.length) fails.push(op.key + ' ' + status + ' ' + JSON.stringify(r).slice(0, 300));
  }
}
console.log(file, n, fails.length, Date.now() - t); console.log(fails.join('\n'));
}
