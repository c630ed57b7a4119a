// The ERP sync's consumer contract with Ledgerly (connector `billing`): what it reads, pinned as a Pact V4 file.
import { fileURLToPath } from 'node:url';
import { MatchersV3, PactV4 } from '@pact-foundation/pact';
import { describe, expect, it } from 'vitest';
import { LedgerlyClient, LedgerlyError } from './client.js';

const { eachLike, integer, like, regex, string } = MatchersV3;

// The provider name is the connector's name: that is how driftwatch knows which connector this pact pins.
const pact = new PactV4({
  consumer: 'erp-sync',
  provider: 'billing',
  dir: process.env.DRIFTWATCH_PACT_DIR ?? fileURLToPath(new URL('../pacts', import.meta.url)),
  logLevel: 'error',
});

/** Exactly the fields the ERP sync reads: a vendor change anywhere else is not its problem. */
const invoice = {
  id: string('inv_0001'),
  customer: string('cus_0001'),
  amount_due: integer(1250),
  currency: string('eur'),
  status: regex('^(draft|open|paid|void)$', 'paid'),
  due_date: regex('^\\d{4}-\\d{2}-\\d{2}$', '2026-10-31'),
};

describe('erp-sync -> Ledgerly billing', () => {
  it('reads a page of invoices', async () => {
    await pact
      .addInteraction()
      .given('invoices exist')
      .uponReceiving('a page of invoices')
      .withRequest('GET', '/v1/invoices', (b) => b.query({ limit: '24' }))
      .willRespondWith(200, (b) => b.jsonBody({ object: 'list', has_more: like(false), data: eachLike(invoice) }))
      .executeTest(async (mock) => {
        const invoices = await new LedgerlyClient(mock.url, 'test-token').listInvoices(24);
        expect(invoices[0]).toEqual({ id: 'inv_0001', customer: 'cus_0001', amountDue: 1250, currency: 'eur', status: 'paid', dueDate: '2026-10-31' });
      });
  });

  it('reads one invoice', async () => {
    await pact
      .addInteraction()
      .given('invoice inv_0004 exists')
      .uponReceiving('one invoice')
      .withRequest('GET', '/v1/invoices/inv_0004')
      .willRespondWith(200, (b) => b.jsonBody({ ...invoice, id: string('inv_0004') }))
      .executeTest(async (mock) => {
        const one = await new LedgerlyClient(mock.url, 'test-token').getInvoice('inv_0004');
        expect(one.id).toBe('inv_0004');
        expect(one.amountDue).toBe(1250);
      });
  });

  it('gets a 404 for an unknown invoice', async () => {
    await pact
      .addInteraction()
      .uponReceiving('an unknown invoice')
      .withRequest('GET', '/v1/invoices/inv_9999')
      .willRespondWith(404, (b) => b.jsonBody({ error: { type: string('invalid_request_error'), message: string('No such invoice: inv_9999') } }))
      .executeTest(async (mock) => {
        await expect(new LedgerlyClient(mock.url, 'test-token').getInvoice('inv_9999')).rejects.toBeInstanceOf(LedgerlyError);
      });
  });

  it('reads the customers', async () => {
    await pact
      .addInteraction()
      .given('customers exist')
      .uponReceiving('a page of customers')
      .withRequest('GET', '/v1/customers')
      .willRespondWith(200, (b) =>
        b.jsonBody({ object: 'list', has_more: like(false), data: eachLike({ id: string('cus_0001'), name: string('Acme Logistics GmbH'), email: string('ap@acme-logistics.example') }) }),
      )
      .executeTest(async (mock) => {
        const customers = await new LedgerlyClient(mock.url, 'test-token').listCustomers();
        expect(customers[0]?.email).toBe('ap@acme-logistics.example');
      });
  });
});
