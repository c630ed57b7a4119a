// The checks every batch of webhook deliveries runs, in order. One line each.
import type { ConnectorCheck } from './check.js';
import { eventCheck } from './event-check.js';
import { eventSpecCheck } from './event-spec-check.js';

export const eventChecks: readonly ConnectorCheck[] = [eventCheck, eventSpecCheck];
