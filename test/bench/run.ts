// `npm run bench [filter]`: runs every benchmark (or those whose name contains the filter) and prints its figures. Not part of `npm test`.
import { benchmarks } from './index.js';

const filter = process.argv[2]?.toLowerCase();
const chosen = filter ? benchmarks.filter((b) => b.name.toLowerCase().includes(filter)) : benchmarks;
if (chosen.length === 0) {
  process.stderr.write(`no benchmark name contains "${filter}"; there are: ${benchmarks.map((b) => b.name).join('; ')}\n`);
  process.exitCode = 2;
}
for (const bench of chosen) {
  process.stdout.write(`\n## ${bench.name}\n`);
  const started = performance.now();
  await bench.run((line) => process.stdout.write(`${line}\n`));
  process.stdout.write(`(${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
}
