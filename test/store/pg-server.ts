// The test PostgreSQL server (DRIFTWATCH_TEST_PG, started by test/setup/postgres.ts unless given): its URL, throwaway
// schemas, and the skip-or-fail rule.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, it } from 'vitest';
import { maskUrl } from '../../src/app/migrate.js';

// Set by the global setup; the default only serves a file run outside it (the server scripts/start-postgres.sh starts).
const URL_DEFAULT = 'postgres://driftwatch:driftwatch@127.0.0.1:5432/driftwatch_test';
export const pgUrl = process.env['DRIFTWATCH_TEST_PG'] || URL_DEFAULT;

/** Null when the server answers, else why not. */
export async function pgProblem(): Promise<string | null> {
  const client = new pg.Client({ connectionString: pgUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A fresh schema name for one test; `schemaUrl` points a connection at it. */
export function newSchemaName(): string {
  return `dw_test_${process.pid}_${randomBytes(4).toString('hex')}`;
}

export function schemaUrl(schema: string): string {
  const u = new URL(pgUrl);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
}

/**
 * Runs `body` when the server is reachable. The test setup starts one unless DRIFTWATCH_TEST_PG names a server, so an
 * unreachable one is that server's problem: it skips with a message, except under CI, where it is a failure.
 */
export async function describeWithPostgres(name: string, body: () => void): Promise<void> {
  const problem = await pgProblem();
  if (problem === null) {
    describe(name, body);
    return;
  }
  const message = `PostgreSQL not reachable at ${maskUrl(pgUrl)} (${problem}); check DRIFTWATCH_TEST_PG, or unset it and the test setup starts its own`;
  if (process.env['CI']) {
    describe(name, () => {
      it('needs a reachable PostgreSQL server when CI is set', () => {
        throw new Error(message);
      });
    });
  } else {
    console.warn(`[${name}] SKIPPED: ${message}`);
    describe.skip(`${name} (skipped: ${message})`, () => {
      it('needs PostgreSQL', () => undefined);
    });
  }
}
