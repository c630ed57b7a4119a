// A vendor that is quiet but noisy, as real ones are: optional fields at 30-70 %, ids, names and amounts that vary,
// rare status values, nulls. Deterministic (seeded), so the tests that use it cannot flake. Its "release" changes
// what a real point release changes: a rename, a retype, a new value that keeps coming.
import type { JsonValue } from '../../src/core/model.js';
import { seededRandom } from '../helpers/seeded-random.js';

const FIRST = ['Ada', 'Bao', 'Chiara', 'Dmitri', 'Esra', 'Femi', 'Greta', 'Hiro', 'Ines', 'Jonas', 'Kavya', 'Lior', 'Mele', 'Noor', 'Oskar', 'Priya'];
const LAST = ['Adler', 'Banda', 'Costa', 'Dubois', 'Eriksen', 'Fujita', 'Garcia', 'Haddad', 'Ivanova', 'Jensen', 'Kowalski', 'Lindqvist'];

export type NoisyRelease = 'quiet' | 'release';

export interface NoisyVendorData {
  account(release: NoisyRelease): JsonValue;
  orders(release: NoisyRelease): JsonValue;
}

export function noisyVendorData(seed = 20261206): NoisyVendorData {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const chance = (p: number): boolean => random() < p;
  const id = (prefix: string): string => `${prefix}_${Math.floor(random() * 36 ** 8).toString(36).padStart(8, '0')}`;
  const name = (): string => `${pick(FIRST)} ${pick(LAST)}`;
  const email = (n: string): string => `${n.toLowerCase().replace(' ', '.')}@example.com`;
  const time = (): string => new Date(Date.UTC(2026, 10, 1 + Math.floor(random() * 30), Math.floor(random() * 24))).toISOString();
  // Weighted, with a rare value an accept can miss.
  const status = (): string => {
    const r = random();
    return r < 0.45 ? 'paid' : r < 0.75 ? 'pending' : r < 0.97 ? 'shipped' : 'refunded';
  };

  return {
    // One resource, but its optional fields come and go between responses (30-70 %).
    account(release) {
      const holder = name();
      const body: Record<string, JsonValue> = {
        id: id('acct'),
        name: holder,
        plan: pick(['free', 'pro', 'team']),
        created: time(),
      };
      if (release === 'quiet') body.email = email(holder);
      else body.contact_email = email(holder); // the release renames it
      if (chance(0.3)) body.nickname = pick(FIRST).toLowerCase();
      if (chance(0.5)) body.phone = `+49 30 ${Math.floor(random() * 9e6 + 1e6)}`;
      if (chance(0.7)) body.avatar_url = `https://cdn.example.com/a/${id('img')}.png`;
      if (chance(0.4)) body.company = `${pick(LAST)} GmbH`;
      if (chance(0.6)) body.settings = { locale: pick(['de-DE', 'en-GB', 'fr-FR']), ...(chance(0.5) ? { timezone: 'Europe/Berlin' } : {}) };
      return body;
    },
    // A page of 5-15 orders with varying ids and names, and optional fields per order.
    orders(release) {
      const count = 5 + Math.floor(random() * 11);
      const data = Array.from({ length: count }, (): JsonValue => {
        const customer = name();
        const total = 500 + Math.floor(random() * 50_000);
        const order: Record<string, JsonValue> = {
          id: id('ord'),
          customer_name: customer,
          // The release sends amounts as decimal strings, and a new status that most orders now have (80 %).
          total: release === 'quiet' ? total : (total / 100).toFixed(2),
          currency: pick(['eur', 'usd']),
          status: release === 'release' && chance(0.8) ? 'on_hold' : status(),
          created: time(),
          cancelled_at: chance(0.8) ? null : time(),
        };
        if (chance(0.3)) order.coupon = `SAVE${Math.floor(random() * 50)}`;
        if (chance(0.5)) order.note = `Deliver to ${pick(LAST)}`;
        if (chance(0.7)) order.shipping = { city: pick(['Berlin', 'Lyon', 'Leeds', 'Turin']), ...(chance(0.4) ? { line2: 'c/o reception' } : {}) };
        return order;
      });
      return { object: 'list', data, has_more: chance(0.5) };
    },
  };
}
