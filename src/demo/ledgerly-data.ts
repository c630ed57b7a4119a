// Ledgerly, the demo billing vendor: deterministic payloads for its baseline and its "2026-11 point release".
import type { JsonObject } from '../core/model.js';

export type Release = 'v1' | 'v2';

const STATUSES = ['draft', 'open', 'paid', 'paid', 'void'] as const;
const CUSTOMERS = [
  { id: 'cus_0001', name: 'Acme Logistics GmbH', email: 'ap@acme-logistics.example', country: 'DE', city: 'Hamburg' },
  { id: 'cus_0002', name: 'Brightwater Foods Ltd', email: 'finance@brightwater.example', country: 'GB', city: 'Leeds' },
  { id: 'cus_0003', name: 'Cobalt Analytics SAS', email: 'compta@cobalt.example', country: 'FR', city: 'Lyon' },
  { id: 'cus_0004', name: 'Dunmore Outdoor Inc', email: 'billing@dunmore.example', country: 'US', city: 'Denver' },
];

function isoDay(day: number): string {
  return new Date(Date.UTC(2026, 9, 1 + day)).toISOString().slice(0, 10);
}

/**
 * One invoice. The v2 release is what a real point release looks like: `customer_email` renamed to
 * `billing_email`, `amount_due` sent as a decimal string, `due_date` null on drafts, and a new status.
 */
export function invoice(index: number, release: Release): JsonObject {
  const customer = CUSTOMERS[index % CUSTOMERS.length]!;
  const cents = 1250 + index * 735;
  let status: string = STATUSES[index % STATUSES.length]!;
  if (release === 'v2' && index % 4 === 3) status = 'uncollectible';
  const lines = Array.from({ length: 1 + (index % 3) }, (_, line) => ({
    id: `il_${String(index).padStart(4, '0')}_${line}`,
    description: ['Platform subscription', 'Seats', 'Overage: API calls'][line]!,
    quantity: 1 + line * 4,
    unit_amount: Math.round(cents / (1 + line)),
  }));
  const base: JsonObject = {
    id: `inv_${String(index + 1).padStart(4, '0')}`,
    object: 'invoice',
    customer: customer.id,
    currency: 'eur',
    status,
    created: `${isoDay(index)}T09:30:00Z`,
    due_date: release === 'v2' && status === 'draft' ? null : isoDay(index + 30),
    hosted_invoice_url: `https://pay.ledgerly.example/i/${index + 1}`,
    lines,
    metadata: { erp_ref: `ERP-${4100 + index}` },
  };
  if (release === 'v1') {
    base.amount_due = cents;
    base.customer_email = customer.email;
  } else {
    base.amount_due = (cents / 100).toFixed(2);
    base.billing_email = customer.email;
  }
  return base;
}

/** `count` invoices from `offset` on: a page of the invoice list. */
export function invoiceList(release: Release, count = 24, offset = 0): JsonObject {
  return { object: 'list', url: '/v1/invoices', has_more: offset + count < 100, data: Array.from({ length: count }, (_, i) => invoice(offset + i, release)) };
}

export function customerList(release: Release): JsonObject {
  return {
    object: 'list',
    url: '/v1/customers',
    has_more: false,
    data: CUSTOMERS.map((c, i) => ({
      id: c.id,
      object: 'customer',
      name: c.name,
      email: c.email,
      created: `${isoDay(i)}T08:00:00Z`,
      tax_exempt: i % 3 === 0 ? 'exempt' : 'none',
      address: { line1: `${10 + i} Harbour Road`, city: c.city, country: c.country },
      ...(release === 'v2' ? { preferred_locales: ['en'] } : {}),
    })),
  };
}

/**
 * One `invoice.paid` webhook delivery, as Ledgerly POSTs it to the ERP sync. The v2 release renames `line_items` to
 * `invoice_lines`: a sync that reads `line_items` books the payment with no lines, and nothing errors.
 */
export function invoicePaidEvent(index: number, release: Release): JsonObject {
  const paid = invoice(index, 'v1');
  const items = (paid.lines as JsonObject[]).map((line) => ({ id: line.id!, description: line.description!, quantity: line.quantity!, amount: line.unit_amount! }));
  const data: JsonObject = {
    id: paid.id!,
    customer: paid.customer!,
    currency: paid.currency!,
    amount_paid: 1250 + index * 735,
    paid_at: `${isoDay(index + 3)}T10:15:00Z`,
  };
  if (release === 'v1') data.line_items = items;
  else data.invoice_lines = items;
  return { id: `evt_${String(index + 1).padStart(6, '0')}`, type: 'invoice.paid', created: `${isoDay(index + 3)}T10:15:01Z`, livemode: false, data };
}
