// Child process that runs the Pact verifier: the Pact core prints its report straight to fd 1, which must not reach ours.
import type { VerifierJob, VerifierReply } from './run-verifier.js';

process.once('message', (message: unknown) => {
  void runJob(message as VerifierJob).then((reply) => {
    process.send?.(reply, () => process.exit(0));
  });
});

async function runJob(job: VerifierJob): Promise<VerifierReply> {
  try {
    const { Verifier } = await import('@pact-foundation/pact');
    const queryEntries = Object.entries(job.query);
    const output = await new Verifier({
      provider: job.provider,
      providerBaseUrl: job.providerBaseUrl,
      pactUrls: [job.pactFile],
      logLevel: 'error',
      timeout: job.timeoutMs,
      ...(Object.keys(job.headers).length > 0 ? { customProviderHeaders: job.headers } : {}),
      // Query-parameter auth cannot travel as a header: the verifier's proxy appends it to every request instead.
      ...(queryEntries.length > 0
        ? {
            requestFilter: (req: { url?: string }, _res: unknown, next: () => void) => {
              const url = new URL(req.url ?? '/', 'http://placeholder');
              for (const [key, value] of queryEntries) url.searchParams.set(key, value);
              req.url = `${url.pathname}${url.search}`;
              next();
            },
          }
        : {}),
    }).verifyProvider();
    return { ok: true, json: typeof output === 'string' ? output : JSON.stringify(output ?? null) };
  } catch (error) {
    return { ok: false, json: error instanceof Error ? error.message : String(error) };
  }
}
