// Renders a ConfigProblem as one line: `contracts/acme/connector.yaml:12:5 endpoints[0].path is required`.
import { isAbsolute, relative, sep } from 'node:path';
import type { ConfigProblem } from './model.js';

export function formatProblem(p: ConfigProblem, root?: string): string {
  let file = p.file;
  if (root !== undefined && file !== '' && isAbsolute(file)) {
    const rel = relative(root, file);
    // Outside the root, a relative path full of ../ is harder to read than the absolute one.
    if (rel !== '' && !rel.startsWith('..') && !isAbsolute(rel)) file = rel;
  }
  file = file.split(sep).join('/');
  let where = file;
  if (p.line !== undefined) {
    where += `:${p.line}`;
    if (p.col !== undefined) where += `:${p.col}`;
  }
  const text = p.at ? `${p.at} ${p.message}` : p.message;
  return where === '' ? text : `${where} ${text}`;
}
