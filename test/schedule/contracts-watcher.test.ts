// When the daemon reloads: on an edit under contracts/ (real fs.watch, debounced on the fake clock) and on a periodic tick.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { watchContracts } from '../../src/schedule/contracts-watcher.js';
import { FakeClock } from './helpers/fake-clock.js';
import { capturedLogger } from './helpers/fakes.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'driftwatch-contracts-'));
  await mkdir(join(dir, 'contracts', 'alpha'), { recursive: true });
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('contracts watcher', () => {
  it('re-reads on its interval even without file events, and stops on close', async () => {
    const clock = new FakeClock();
    let reloads = 0;
    const watcher = watchContracts({ dir: join(dir, 'contracts'), clock, logger: capturedLogger().logger, reload: async () => void reloads++, events: false, intervalMs: 30_000 });
    await clock.advance(29_999);
    expect(reloads).toBe(0);
    await clock.advance(1);
    expect(reloads).toBe(1);
    await clock.advance(60_000);
    expect(reloads).toBe(3);
    watcher.close();
    expect(clock.pending()).toBe(0);
  });

  it('reloads once after a burst of edits has been quiet for the debounce', async () => {
    const clock = new FakeClock();
    let reloads = 0;
    const watcher = watchContracts({ dir: join(dir, 'contracts'), clock, logger: capturedLogger().logger, reload: async () => void reloads++, events: true, intervalMs: 0, debounceMs: 200 });
    await writeFile(join(dir, 'contracts', 'alpha', 'connector.yaml'), 'name: alpha\n');
    await writeFile(join(dir, 'contracts', 'alpha', 'connector.yaml'), 'name: alpha\nvendor: x\n');
    // The file events arrive on their own; each re-arms the debounce timer on the fake clock.
    await vi.waitFor(() => expect(clock.pending()).toBe(1), { timeout: 5_000 });
    expect(reloads).toBe(0);
    await clock.advance(199);
    expect(reloads).toBe(0);
    await clock.advance(1);
    expect(reloads).toBe(1);
    watcher.close();
  });

  it('logs a failed reload instead of throwing, and says so when contracts/ cannot be watched', async () => {
    const clock = new FakeClock();
    const log = capturedLogger();
    const watcher = watchContracts({
      dir: join(dir, 'no-such-folder'), clock, logger: log.logger, events: true, intervalMs: 1_000,
      reload: async () => {
        throw new Error('EACCES: contracts/alpha');
      },
    });
    await clock.advance(1_000);
    const entries = log.entries();
    expect(entries.some((e) => e.msg === 'reload failed' && e.level === 50)).toBe(true);
    expect(entries.some((e) => e.msg.startsWith('cannot watch contracts/'))).toBe(true);
    watcher.close();
  });
});
