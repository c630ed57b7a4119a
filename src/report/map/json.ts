// The integration map as one JSON document (docs/schemas/map.schema.json), for tools and dashboards.
import { jsonDocument } from '../json-document.js';
import type { IntegrationMap } from '../model/map.js';

export function renderMapJson(map: IntegrationMap): string {
  return jsonDocument({ kind: 'map', ...map });
}
