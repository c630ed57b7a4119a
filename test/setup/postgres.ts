// Vitest globalSetup: when DRIFTWATCH_TEST_PG is unset, starts a throwaway PostgreSQL (test/helpers/postgres-server.ts)
// for the whole run and exports its URL as DRIFTWATCH_TEST_PG; stops it and removes its files when the run ends.
import { startTestPostgres } from '../helpers/postgres-server.js';

export default async function setup(): Promise<(() => Promise<void>) | undefined> {
  if (process.env['DRIFTWATCH_TEST_PG']) return undefined;
  const server = await startTestPostgres();
  // Vitest builds the workers' environment from process.env after global setup, so the workers (and the CLI processes
  // the tests spawn) see the URL.
  process.env['DRIFTWATCH_TEST_PG'] = server.url;
  return async () => {
    delete process.env['DRIFTWATCH_TEST_PG'];
    await server.stop();
  };
}
