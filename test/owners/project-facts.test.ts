// The per-root cache of project facts: a failed load is not reused, the next call reads again.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as connectorsModule from '../../src/config/load-connectors.js';
import { forgetProjectFacts, loadProjectFacts } from '../../src/owners/project.js';

vi.mock('../../src/config/load-connectors.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/config/load-connectors.js')>();
  return { ...actual, loadConnectors: vi.fn(actual.loadConnectors) };
});

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'driftwatch-facts-'));
  forgetProjectFacts();
});
afterEach(async () => {
  forgetProjectFacts();
  await rm(dir, { recursive: true, force: true });
});

describe('loadProjectFacts', () => {
  it('drops a rejected load from the cache (EACCES now, readable a moment later)', async () => {
    const denied = Object.assign(new Error(`EACCES: permission denied, scandir '${dir}/contracts'`), { code: 'EACCES' });
    vi.mocked(connectorsModule.loadConnectors).mockRejectedValueOnce(denied);
    await expect(loadProjectFacts(dir)).rejects.toMatchObject({ code: 'EACCES' });
    // Well within the reuse window: the failure must not be handed out again.
    const facts = await loadProjectFacts(dir);
    expect(facts.connectors).toEqual([]);
    expect(vi.mocked(connectorsModule.loadConnectors)).toHaveBeenCalledTimes(2);
  });

  it('still reuses a successful load within the window', async () => {
    vi.mocked(connectorsModule.loadConnectors).mockClear();
    const first = loadProjectFacts(dir);
    expect(loadProjectFacts(dir)).toBe(first);
    await first;
    expect(vi.mocked(connectorsModule.loadConnectors)).toHaveBeenCalledTimes(1);
  });
});
