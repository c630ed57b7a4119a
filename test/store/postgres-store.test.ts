// Runs the store contract on a real PostgreSQL server (scripts/start-postgres.sh), one schema per test.
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { postgresMigrations } from '../../src/store/migrations/postgres.js';
import { openStore } from '../../src/store/open-store.js';
import { migratePostgres, openPostgresStore } from '../../src/store/postgres-store.js';
import { describeWithPostgres, newSchemaName, pgUrl } from './pg-server.js';
import { at, describeStoreContract, makeChange, type StoreHandle } from './store-contract.js';
import { describeStoreContractMore } from './store-contract-more.js';

const url = pgUrl;

const admin = new pg.Pool({ connectionString: url, max: 2 });
admin.on('error', () => undefined);
const schemas = new Set<string>();

function newSchema(): string {
  const name = newSchemaName();
  schemas.add(name);
  return name;
}

async function dropSchema(name: string): Promise<void> {
  await admin.query(`DROP SCHEMA IF EXISTS "${name}" CASCADE`);
  schemas.delete(name);
}

afterAll(async () => {
  for (const name of [...schemas]) await dropSchema(name).catch(() => undefined);
  await admin.end();
});

await describeWithPostgres('postgres store', () => {
  const pgHandle = async (): Promise<StoreHandle> => {
    const schema = newSchema();
    return {
      store: await openPostgresStore(url, { schema }),
      reopen: () => openPostgresStore(url, { schema }),
      dump: async () => {
        const tables = await admin.query<{ table_name: string }>(
          'SELECT table_name FROM information_schema.tables WHERE table_schema = $1',
          [schema],
        );
        const parts: string[] = [];
        for (const { table_name } of tables.rows) {
          const rows = await admin.query<{ r: string }>(`SELECT row_to_json(t)::text AS r FROM "${schema}"."${table_name}" t`);
          parts.push(...rows.rows.map((x) => x.r));
        }
        return parts.join('\n');
      },
      cleanup: () => dropSchema(schema),
    };
  };
  describeStoreContract('postgres', pgHandle);
  describeStoreContractMore('postgres', pgHandle);

  describe('postgres store schema', () => {
    it('applies each migration once, even when two stores open an empty schema at once', async () => {
      const schema = newSchema();
      const [a, b] = await Promise.all([openPostgresStore(url, { schema }), openPostgresStore(url, { schema })]);
      await a.close();
      await b.close();
      await (await openPostgresStore(url, { schema })).close();
      const { rows } = await admin.query(`SELECT version, name FROM "${schema}".schema_migrations ORDER BY version`);
      expect(rows).toEqual(postgresMigrations.map((m) => ({ version: m.version, name: m.name })));

      const pool = new pg.Pool({ connectionString: url, options: `-c search_path=${schema}`, max: 1 });
      const client = await pool.connect();
      try {
        expect(await migratePostgres(client, postgresMigrations)).toEqual([]);
      } finally {
        client.release();
        await pool.end();
      }
      await dropSchema(schema);
    });

    it('opens through openStore for a postgres:// URL', async () => {
      const schema = newSchema();
      await admin.query(`CREATE SCHEMA "${schema}"`);
      const u = new URL(url);
      u.searchParams.set('options', `-c search_path=${schema}`);
      const store = await openStore(undefined, '/nonexistent-root', { DRIFTWATCH_DB: u.toString() });
      try {
        expect(store.kind).toBe('postgres');
        const run = await store.startRun('scan', ['billing'], at(0));
        await store.recordChanges(run.id, [makeChange()], { observed: [] }, at(1));
        const { rows } = await admin.query(`SELECT count(*)::int AS n FROM "${schema}".drifts`);
        expect(rows).toEqual([{ n: 1 }]);
      } finally {
        await store.close();
        await dropSchema(schema);
      }
    });

    it('keeps the events table append-only', async () => {
      const schema = newSchema();
      const store = await openPostgresStore(url, { schema });
      try {
        const run = await store.startRun('scan', ['billing'], at(0));
        await store.recordChanges(run.id, [makeChange()], { observed: [] }, at(1));
      } finally {
        await store.close();
      }
      await expect(admin.query(`UPDATE "${schema}".events SET actor = 'mallory'`)).rejects.toThrow(/append-only/);
      await expect(admin.query(`DELETE FROM "${schema}".events`)).rejects.toThrow(/append-only/);
      const { rows } = await admin.query(`SELECT actor FROM "${schema}".events`);
      expect(rows).toEqual([{ actor: 'driftwatch' }]);
      await dropSchema(schema);
    });

    it('rejects a schema name that is not a plain identifier', async () => {
      await expect(openPostgresStore(url, { schema: 'x"; DROP TABLE runs; --' })).rejects.toThrow(/invalid schema name/);
    });
  });
});
