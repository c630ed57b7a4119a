// Read-only commands never set up a store: pointed at a PostgreSQL database without driftwatch's tables, `history`
// and `store stats` refuse it (exit 2, named without its password) and leave it empty; `scan` sets it up.
import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import { connectorBody, makeTempRoot, type TempRoot } from '../helpers/temp-root.js';
import { runMain } from '../helpers/run-main.js';
import { sendJson, startVendorServer, type VendorServer } from '../helpers/vendor-server.js';
import { describeWithPostgres, newSchemaName, pgUrl, schemaUrl } from './pg-server.js';

const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

await describeWithPostgres('a PostgreSQL database without a store', () => {
  let admin: pg.Client;
  let root: TempRoot;
  let vendor: VendorServer;
  const tables = async (schema: string): Promise<number> =>
    Number((await admin.query<{ n: string }>('SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = $1', [schema])).rows[0]!.n);

  it('history and store stats refuse it and create nothing; scan creates the store', async () => {
    admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    const schema = newSchemaName();
    await admin.query(`CREATE SCHEMA "${schema}"`);
    cleanups.push(async () => {
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await admin.end();
    });
    vendor = await startVendorServer({ '/things': (_req, res) => sendJson(res, 200, { id: 't_1' }) });
    root = await makeTempRoot('driftwatch-pg-readonly-');
    cleanups.push(() => vendor.close(), () => root.cleanup());
    await root.writeConnector('things', connectorBody(vendor.url, [{ id: 'things', path: '/things' }]));
    const db = schemaUrl(schema);
    const password = new URL(pgUrl).password;

    for (const command of [['history'], ['store', 'stats']]) {
      const out = await runMain([...command, '--root', root.dir, '--db', db], { cwd: root.dir });
      expect(out.code, out.stderr).toBe(2);
      expect(out.stderr).toMatch(/no history store in postgres:\/\/\S+: run `driftwatch scan`/);
      if (password) expect(out.stderr).not.toContain(password);
    }
    expect(await tables(schema)).toBe(0);

    const scan = await runMain(['scan', '--root', root.dir, '--db', db, '--no-notify'], { cwd: root.dir });
    expect(scan.code, scan.stderr).toBe(0);
    expect(await tables(schema)).toBeGreaterThan(0);
    const history = await runMain(['history', '--root', root.dir, '--db', db], { cwd: root.dir });
    expect(history.code, history.stderr).toBe(0);
  }, 60_000);
});
