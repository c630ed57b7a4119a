// The ERP sync's typed Ledgerly client: the connector code whose expectations billing.pact.test.ts pins.

/** What the ERP sync reads of an invoice; nothing else of Ledgerly's invoice matters to it. */
export interface Invoice {
  id: string;
  customer: string;
  /** In the currency's smallest unit (cents). */
  amountDue: number;
  currency: string;
  status: string;
  dueDate: string;
}

export interface Customer {
  id: string;
  name: string;
  email: string;
}

export class LedgerlyError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'LedgerlyError';
  }
}

interface RawInvoice {
  id: string;
  customer: string;
  amount_due: number;
  currency: string;
  status: string;
  due_date: string;
}

export class LedgerlyClient {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
  ) {}

  async listInvoices(limit = 24): Promise<Invoice[]> {
    const page = (await this.get(`/v1/invoices?limit=${limit}`)) as { data: RawInvoice[] };
    return page.data.map(toInvoice);
  }

  async getInvoice(id: string): Promise<Invoice> {
    return toInvoice((await this.get(`/v1/invoices/${encodeURIComponent(id)}`)) as RawInvoice);
  }

  async listCustomers(): Promise<Customer[]> {
    const page = (await this.get('/v1/customers')) as { data: Customer[] };
    return page.data.map(({ id, name, email }) => ({ id, name, email }));
  }

  private async get(path: string): Promise<unknown> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      headers: { accept: 'application/json', authorization: `Bearer ${this.token}` },
    });
    const body = (await response.json()) as { error?: { message?: string } };
    if (!response.ok) throw new LedgerlyError(response.status, body.error?.message ?? `Ledgerly answered ${response.status}`);
    return body;
  }
}

function toInvoice(raw: RawInvoice): Invoice {
  // Why: the ERP books integer cents; a decimal string here would book 100x the amount or NaN.
  if (!Number.isInteger(raw.amount_due)) throw new TypeError(`invoice ${raw.id}: amount_due is not integer cents`);
  return {
    id: raw.id,
    customer: raw.customer,
    amountDue: raw.amount_due,
    currency: raw.currency,
    status: raw.status,
    dueDate: raw.due_date,
  };
}
