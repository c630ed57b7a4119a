// `npm run bench`: runs every benchmark in turn and prints its figures. Not part of `npm test`.
import { benchmarks } from './index.js';

for (const bench of benchmarks) {
  process.stdout.write(`\n## ${bench.name}\n`);
  const started = performance.now();
  await bench.run((line) => process.stdout.write(`${line}\n`));
  process.stdout.write(`(${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
}
