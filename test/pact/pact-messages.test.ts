// Message interactions in pact files: V4 asynchronous messages and V3 `messages` are read; kinds driftwatch cannot
// check (synchronous messages) are listed as unsupported, never dropped without a word.
import { describe, expect, it } from 'vitest';
import { parsePact } from '../../src/pact/pact-file.js';

const base = { consumer: { name: 'ledger-sync' }, provider: { name: 'billing' } };

describe('parsePact: message interactions', () => {
  it('reads V4 asynchronous messages with their content and body matching rules', () => {
    const text = JSON.stringify({
      ...base,
      metadata: { pactSpecification: { version: '4.0' } },
      interactions: [
        {
          type: 'Asynchronous/Messages',
          description: 'an invoice.paid event',
          providerStates: [{ name: 'an invoice was paid' }],
          contents: { content: { type: 'invoice.paid', data: { id: 'in_1' } }, contentType: 'application/json', encoded: false },
          matchingRules: { body: { '$.data.id': { combine: 'AND', matchers: [{ match: 'type' }] } } },
        },
        { type: 'Synchronous/Messages', description: 'a grpc call', request: {}, response: [] },
      ],
    });
    const { pact, problems } = parsePact(text, 'p.json');
    expect(problems).toEqual([]);
    expect(pact?.interactions).toEqual([]);
    expect(pact?.messages).toEqual([
      expect.objectContaining({ description: 'an invoice.paid event', states: ['an invoice was paid'], content: { type: 'invoice.paid', data: { id: 'in_1' } }, contentType: 'application/json', rules: { '$.data.id': [{ match: 'type' }] } }),
    ]);
    expect(pact?.unsupported).toEqual([{ description: 'a grpc call', type: 'Synchronous/Messages' }]);
  });

  it('reads a V3 message pact (messages instead of interactions); encoded content is kept out', () => {
    const text = JSON.stringify({
      ...base,
      metadata: { pactSpecification: { version: '3.0.0' } },
      messages: [
        { description: 'v3 event', contents: { type: 'invoice.paid' }, metaData: { contentType: 'application/json' } },
        { type: 'Asynchronous/Messages', description: 'binary', contents: { content: 'AAEC', contentType: 'application/octet-stream', encoded: 'base64' } },
      ],
    });
    const { pact, problems } = parsePact(text, 'p.json');
    expect(problems).toEqual([]);
    expect(pact?.messages.map((m) => [m.description, m.content, m.contentType])).toEqual([
      ['v3 event', { type: 'invoice.paid' }, 'application/json'],
      ['binary', undefined, 'application/octet-stream'],
    ]);
  });
});
