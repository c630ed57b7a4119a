import { crossCheckResponse } from '../../src/openapi/cross-check.js';
const doc = { components: { schemas: { A: { type: 'object', properties: { a: { type: 'integer' } }, required: ['a'] } } } };
const doc2 = { components: { schemas: { A: { type: 'object', properties: { a: { type: 'integer', nullable: true } }, required: ['a'] } } } };
console.log(await crossCheckResponse(doc, doc2, { $ref: '#/components/schemas/A' }, { $ref: '#/components/schemas/A' }));
console.log(await crossCheckResponse(doc, doc, { $ref: '#/components/schemas/A' }, { $ref: '#/components/schemas/A' }));
const doc3 = { components: { schemas: { A: { type: 'object', properties: { a: { type: 'integer' } } } } } };
console.log(await crossCheckResponse(doc, doc3, { $ref: '#/components/schemas/A' }, { $ref: '#/components/schemas/A' }));
