import { describe, expect, it } from 'vitest';
import { basePathsOf, createOperationMatcher } from '../../src/openapi/match-operation.js';
import type { OpenApiDocument } from '../../src/openapi/types.js';

const ok = { responses: { 200: { description: 'ok' } } };
const doc: OpenApiDocument = {
  openapi: '3.0.3',
  info: { title: 't', version: '1' },
  servers: [{ url: 'https://api.example.com/v1' }, { url: 'https://{env}.example.com/{base}', variables: { env: { default: 'eu' }, base: { default: 'api' } } }],
  paths: {
    '/invoices': { get: ok },
    '/invoices/{id}': { get: ok, delete: ok },
    '/invoices/upcoming': { get: ok },
    '/invoices/{id}/lines/{line}': { get: ok },
    '/files/{name}.json': { get: ok },
    '/{tenant}/invoices/{id}': { get: ok },
  },
};

describe('createOperationMatcher', () => {
  const match = createOperationMatcher(doc);
  it.each([
    ['GET', '/invoices', 'GET /invoices'],
    ['GET', '/invoices/', 'GET /invoices'],
    ['GET', '/invoices/inv_123', 'GET /invoices/{id}'],
    ['DELETE', '/invoices/inv_123', 'DELETE /invoices/{id}'],
    ['GET', '/invoices/upcoming', 'GET /invoices/upcoming'],
    ['GET', '/invoices/inv_1/lines/2', 'GET /invoices/{id}/lines/{line}'],
    ['GET', '/files/report.json', 'GET /files/{name}.json'],
    ['GET', '/v1/invoices/inv_123', 'GET /invoices/{id}'],
    ['GET', '/api/invoices', 'GET /invoices'],
    ['get', '/invoices?limit=3', 'GET /invoices'],
  ])('%s %s -> %s', (method, path, want) => {
    expect(match(method, path)?.key).toBe(want);
  });

  it('most specific template wins: literal segments beat parameters', () => {
    expect(match('GET', '/acme/invoices/inv_1')?.key).toBe('GET /{tenant}/invoices/{id}');
    expect(match('GET', '/invoices/upcoming')?.key).toBe('GET /invoices/upcoming');
  });

  it('no operation for an unknown path or method', () => {
    expect(match('POST', '/invoices')).toBeUndefined();
    expect(match('GET', '/customers')).toBeUndefined();
    expect(match('GET', '/invoices/a/b')).toBeUndefined();
  });

  it('honours the connector baseUrl path as a further prefix', () => {
    const withBase = createOperationMatcher(doc, ['/gateway/ledgerly']);
    expect(withBase('GET', '/gateway/ledgerly/invoices')?.key).toBe('GET /invoices');
  });

  it('reads base paths from servers (variables by default) and Swagger basePath', () => {
    expect(basePathsOf(doc)).toEqual(['/api', '/v1']);
    expect(basePathsOf({ swagger: '2.0', basePath: '/api/', paths: {} })).toEqual(['/api']);
  });
});
