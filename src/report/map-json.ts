// The integration map as one JSON document (stable key order as built), for tools and dashboards.
import type { IntegrationMap } from '../app/map.js';

export function renderMapJson(map: IntegrationMap): string {
  return `${JSON.stringify(map, null, 2)}\n`;
}
