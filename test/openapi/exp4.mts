import { readFileSync } from 'node:fs';
import { diffSpecs } from '../../src/openapi/diff-specs.js';
const a = JSON.parse(readFileSync('node_modules/github-spec-old/generated/api.github.com.json', 'utf8'));
const b = JSON.parse(readFileSync('node_modules/github-spec-new/generated/api.github.com.json', 'utf8'));
let t = performance.now();
const r = await diffSpecs(a, b);
console.log('ms', (performance.now() - t).toFixed(0), r.summary, r.operations, r.crossCheck, r.changes.length);
const byRule = new Map<string, number>();
for (const c of r.changes) byRule.set(c.rule, (byRule.get(c.rule) ?? 0) + 1);
console.log([...byRule].sort((x, y) => y[1] - x[1]));
for (const rule of byRule.keys()) { const ex = r.changes.filter((c) => c.rule === rule).slice(0, 3); for (const c of ex) console.log(rule, '|', c.operation, '|', c.path, '|', c.message); }
t = performance.now();
const s = await diffSpecs(a, b, { operations: ['GET /repos/{owner}/{repo}', 'GET /repos/{owner}/{repo}/issues', 'GET /teams/{team_id}/discussions'] });
console.log('ms', (performance.now() - t).toFixed(0), s.summary, s.outOfScope);
for (const c of s.changes) console.log(c.severity, c.rule, '|', c.operation, '|', c.path, '|', c.message);
