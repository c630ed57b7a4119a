// readCappedText: the whole text of a file under the cap (multi-byte characters intact), a refusal over it.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCappedText } from '../../src/config/read-capped.js';

describe('readCappedText', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'driftwatch-capped-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('reads empty, small and large files whole, and refuses one over the cap', async () => {
    const cases = ['', 'name: billing\n', `owner: "Zoë ☃"\n${'x: 1\n'.repeat(50_000)}`];
    for (const [i, text] of cases.entries()) {
      const file = join(dir, `c${i}.yaml`);
      await writeFile(file, text, 'utf8');
      expect(await readCappedText(file, 'connector files')).toEqual({ ok: true, text });
    }
    const big = join(dir, 'big.yaml');
    await writeFile(big, 'y'.repeat(2049));
    expect(await readCappedText(big, 'connector files', 2048)).toMatchObject({ ok: false, message: expect.stringContaining('over the 2 KB limit for connector files') });
    expect(await readCappedText(big, 'connector files', 2049)).toEqual({ ok: true, text: 'y'.repeat(2049) });
  });
});
