// Where a whole `driftwatch scan` process spends its time: 20 connectors x 10 endpoints against the list vendor,
// accepted, then `scan` run as the real binary under --cpu-prof; prints the profile's top self-time items by module.
// Run: npx tsc -p tsconfig.json && node dist/test/bench/scan-profile.js [runs]
import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { connectorBody, makeTempRoot } from '../helpers/temp-root.js';
import { startListVendor } from './list-vendor.js';

const exec = promisify(execFile);
const repo = fileURLToPath(new URL('../../../', import.meta.url));
const bin = join(repo, 'bin', 'driftwatch.js');

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; }
interface Profile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; }

/** Self time per function and per module (package or source file), in ms. */
function summarize(profile: Profile): { total: number; byFunction: Map<string, number>; byModule: Map<string, number> } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const byFunction = new Map<string, number>();
  const byModule = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    total += ms;
    const node = byId.get(id);
    if (!node) return;
    const url = node.callFrame.url.replace(/^file:\/\//, '');
    const where = url === '' ? `(${node.callFrame.functionName || 'native'})` : moduleOf(url);
    const fn = `${node.callFrame.functionName || '(anonymous)'} ${where}${url ? `:${node.callFrame.lineNumber + 1}` : ''}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + ms);
    byModule.set(where, (byModule.get(where) ?? 0) + ms);
  });
  return { total, byFunction, byModule };
}

function moduleOf(path: string): string {
  const nm = path.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = path.slice(nm + 'node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  if (path.startsWith('node:')) return path;
  return relative(repo, path);
}

function top(map: Map<string, number>, n: number): string[] {
  return [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, ms]) => `${ms.toFixed(0).padStart(6)} ms  ${k}`);
}

const runs = Number(process.argv[2] ?? 3);
const vendor = await startListVendor({ itemsPerPage: 8 });
const root = await makeTempRoot('driftwatch-profile-');
try {
  for (let c = 0; c < 20; c++) {
    const endpoints = Array.from({ length: 10 }, (_, e) => ({ id: `e${e}`, path: `/c${c}/e/${c * 10 + e}` }));
    await root.writeConnector(`c${c}`, connectorBody(vendor.url, endpoints));
  }
  const env = { ...process.env, PACT_DO_NOT_TRACK: 'true', NO_COLOR: '1' };
  await exec(process.execPath, [bin, 'accept', '--root', root.dir], { env });
  const walls: number[] = [];
  for (let r = 0; r < runs; r++) {
    const profDir = join(root.dir, `prof-${r}`);
    const t = performance.now();
    await exec(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${profDir}`, bin, 'scan', '--root', root.dir, '--no-notify'], { env }).catch((e: { code?: number }) => {
      if (e.code !== 0 && e.code !== 1) throw e;
    });
    walls.push(performance.now() - t);
    if (r === runs - 1) {
      const file = (await readdir(profDir))[0]!;
      const { total, byFunction, byModule } = summarize(JSON.parse(await readFile(join(profDir, file), 'utf8')) as Profile);
      process.stdout.write(`profile of the last run: ${total.toFixed(0)} ms sampled\n-- by module (self time)\n${top(byModule, 15).join('\n')}\n-- by function (self time)\n${top(byFunction, 20).join('\n')}\n`);
    }
  }
  const t0 = performance.now();
  await exec(process.execPath, ['-e', '0']);
  const nodeMs = performance.now() - t0;
  process.stdout.write(`scan process wall (with --cpu-prof): ${walls.map((w) => w.toFixed(0)).join(', ')} ms; node -e 0: ${nodeMs.toFixed(0)} ms\n`);
} finally {
  await vendor.close();
  await root.cleanup();
}
