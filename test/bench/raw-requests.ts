// The anchor of the whole-process scan figure: a bare Node process that loads undici and fetches the given URLs
// (64 in flight, each body JSON.parsed), the floor a `driftwatch scan` process of the same URLs is held to.
// Usage: node dist/test/bench/raw-requests.js <file with one URL a line>
import { readFileSync } from 'node:fs';
import { request } from 'undici';

const urls = readFileSync(process.argv[2]!, 'utf8').split('\n').filter(Boolean);
let next = 0;
await Promise.all(
  Array.from({ length: 64 }, async () => {
    while (next < urls.length) {
      const res = await request(urls[next++]!);
      JSON.parse(await res.body.text());
    }
  }),
);
