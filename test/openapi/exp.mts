import { readFileSync } from 'node:fs';
import { sample } from 'openapi-sampler';
import { createResponseValidator } from '../../src/openapi/response-validator.js';
import { listOperations, viewOperation } from '../../src/openapi/operations.js';
const file = process.argv[2]!;
let t = Date.now();
const doc = JSON.parse(readFileSync(file, 'utf8'));
const spec = { source: file, version: 'openapi-3.0' as const, document: doc };
const v = createResponseValidator(spec);
console.log('setup', Date.now() - t); t = Date.now();
let n = 0, bad = 0, compileMs = 0, sampleMs = 0; const fails: string[] = [];
for (const op of listOperations(doc)) {
  if (op.method !== 'GET') continue;
  const view = v.view(op);
  for (const [status, res] of Object.entries(view.responses)) {
    if (!/^2/.test(status)) continue;
    const media = Object.keys(res.content).find((m) => m.includes('json'));
    if (!media) continue;
    const s0 = Date.now();
    const body = sample(res.content[media]!.schema as never, { skipWriteOnly: true, quiet: true, enablePatterns: true }, doc) as never;
    sampleMs += Date.now() - s0;
    const c0 = Date.now();
    const r = v.check(op, Number(status), media, body);
    compileMs += Date.now() - c0;
    n++;
    if (r.kind !== 'checked' || r.mismatches.length) { bad++; fails.push(op.key + ' ' + status + ' ' + JSON.stringify(r).slice(0, 400)); }
  }
}
console.log({ n, bad, compileMs, sampleMs, total: Date.now() - t });
console.log(fails.slice(0, 30).join('\n'));
