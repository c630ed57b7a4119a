// Temporary project roots with connector files, removed after each test file.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';

export interface TempRoot {
  dir: string;
  writeConnector(name: string, connector: Record<string, unknown> | string): Promise<string>;
  cleanup(): Promise<void>;
}

export async function makeTempRoot(prefix = 'driftwatch-test-'): Promise<TempRoot> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return {
    dir,
    async writeConnector(name, connector) {
      const folder = join(dir, 'contracts', name);
      await mkdir(folder, { recursive: true });
      const file = join(folder, 'connector.yaml');
      await writeFile(file, typeof connector === 'string' ? connector : stringify({ name, ...connector }), 'utf8');
      return file;
    },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

/** A minimal valid connector body for tests, owned and pointed at `baseUrl`. */
export function connectorBody(baseUrl: string, endpoints: Array<Record<string, unknown>>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    vendor: 'Test vendor',
    owner: { name: 'Test Owner', slack: '#test-integrations', email: 'owner@example.com' },
    runbook: 'https://wiki.example.com/runbooks/test',
    baseUrl,
    endpoints,
    ...extra,
  };
}
