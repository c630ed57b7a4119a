// Unchanged connector files are not parsed again (counted): the result is the same as a parse, a changed file is
// parsed, a broken one is parsed (and worded) every time, a corrupt cache is a miss, and no store folder means no cache.
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { connectorCacheFile } from '../../src/config/connector-cache.js';
import { loadConnectors } from '../../src/config/load-connectors.js';
import * as yamlModule from '../../src/config/parse-connector-yaml.js';
import { connectorBody, makeTempRoot, type TempRoot } from '../helpers/temp-root.js';

vi.mock('../../src/config/parse-connector-yaml.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/config/parse-connector-yaml.js')>();
  return { ...actual, parseConnectorYaml: vi.fn(actual.parseConnectorYaml) };
});

const parses = () => vi.mocked(yamlModule.parseConnectorYaml).mock.calls.length;

describe('the connector parse cache', () => {
  let root: TempRoot;
  beforeEach(async () => {
    root = await makeTempRoot('driftwatch-connector-cache-');
    vi.mocked(yamlModule.parseConnectorYaml).mockClear();
    for (const name of ['billing', 'crm']) {
      await root.writeConnector(name, connectorBody('https://api.example.com', [{ id: 'list', path: '/list', query: { limit: 10 } }, { id: 'one', path: '/one' }], { schedule: '0 3 * * *' }));
    }
  });
  afterEach(() => root.cleanup());

  it('parses unchanged files once, with the same result, and parses a changed file again', async () => {
    await mkdir(join(root.dir, '.driftwatch'));
    const first = await loadConnectors(root.dir);
    expect(first.problems).toEqual([]);
    expect(parses()).toBe(2);
    const second = await loadConnectors(root.dir);
    expect(parses()).toBe(2);
    expect(second).toEqual(first);
    expect(second.connectors[0]!.lines).toEqual({ connector: 1, endpoints: { list: expect.any(Number), one: expect.any(Number) } });

    await root.writeConnector('crm', connectorBody('https://crm.example.com', [{ id: 'list', path: '/contacts' }]));
    const third = await loadConnectors(root.dir);
    expect(parses()).toBe(3);
    expect(third.connectors.map((c) => c.baseUrl)).toEqual(['https://api.example.com', 'https://crm.example.com']);
    // One connector alone keeps the others' entries.
    expect((await loadConnectors(root.dir, { only: 'crm' })).connectors).toHaveLength(1);
    await loadConnectors(root.dir);
    expect(parses()).toBe(3);
  });

  it('parses a broken file every time, with its line, and treats a corrupt cache as empty', async () => {
    await mkdir(join(root.dir, '.driftwatch'));
    await root.writeConnector('crm', 'name: crm\nowner: { name: Sam }\nbaseUrl: https://crm.example.com\nconcurrency: 0\nendpoints: [{ id: a, path: /a }]\n');
    for (let i = 1; i <= 2; i++) {
      const loaded = await loadConnectors(root.dir);
      expect(loaded.problems.map((p) => `${p.line}:${p.col} ${p.at}`)).toEqual(['4:14 concurrency']);
      expect(parses()).toBe(i === 1 ? 2 : 3);
    }
    await writeFile(connectorCacheFile(root.dir), '{"version":1,"entries":{"x":');
    expect((await loadConnectors(root.dir)).connectors.map((c) => c.name)).toEqual(['billing']);
    expect(JSON.parse(await readFile(connectorCacheFile(root.dir), 'utf8'))).toMatchObject({ version: 1 });
  });

  it('creates nothing in a project without a store folder', async () => {
    await loadConnectors(root.dir);
    await loadConnectors(root.dir);
    expect(parses()).toBe(4);
    expect(existsSync(join(root.dir, '.driftwatch'))).toBe(false);
  });
});
