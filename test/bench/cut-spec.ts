// A cut-down copy of a spec for benchmarks: its first N operations (by path order) and every component they reach.
import type { OpenApiDocument } from '../../src/openapi/types.js';

/** Every `#/components/...` pointer reachable from `start`, following refs inside the components themselves. */
function reachableComponents(doc: OpenApiDocument, start: unknown): Set<string> {
  const seen = new Set<string>();
  const stack: unknown[] = [start];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) stack.push(...node);
    else if (node !== null && typeof node === 'object') {
      const ref = (node as { $ref?: unknown }).$ref;
      if (typeof ref === 'string' && ref.startsWith('#/components/') && !seen.has(ref)) {
        seen.add(ref);
        const [, , kind, name] = ref.split('/');
        const components = doc.components as Record<string, Record<string, unknown>> | undefined;
        stack.push(components?.[kind!]?.[decodeURIComponent(name!)]);
      }
      stack.push(...Object.values(node));
    }
  }
  return seen;
}

/** The first `operations` operations of `doc` (whole path items, so a path keeps its methods) and what they use. */
export function cutSpec(doc: OpenApiDocument, operations: number, pathNames?: readonly string[]): OpenApiDocument {
  const allPaths = doc.paths as Record<string, Record<string, unknown>>;
  const paths: Record<string, Record<string, unknown>> = {};
  let count = 0;
  for (const name of pathNames ?? Object.keys(allPaths)) {
    const item = allPaths[name];
    if (!item) continue;
    if (count >= operations) break;
    paths[name] = item;
    count += Object.keys(item).filter((k) => ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'].includes(k)).length;
  }
  const refs = reachableComponents(doc, paths);
  const components: Record<string, Record<string, unknown>> = {};
  const source = (doc.components ?? {}) as Record<string, Record<string, unknown>>;
  for (const ref of refs) {
    const [, , kind, name] = ref.split('/');
    const key = decodeURIComponent(name!);
    (components[kind!] ??= {})[key] = source[kind!]?.[key];
  }
  if (source.securitySchemes) components.securitySchemes = source.securitySchemes;
  const { ['x-webhooks']: _hooks, webhooks: _webhooks, ...rest } = doc;
  return { ...rest, paths, components };
}
