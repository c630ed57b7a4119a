// JSONPath helpers: building child and item paths, and matching paths against `*` globs (ignore entries).

const SHORTHAND = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `$.a` for plain names, `$['a b']` when the key needs quoting (RFC 9535 name selector). */
export function childPath(parent: string, key: string): string {
  if (SHORTHAND.test(key)) return `${parent}.${key}`;
  return `${parent}['${key.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`;
}

/** The path of every item of the array at `parent`. */
export function itemsPath(parent: string): string {
  return `${parent}[*]`;
}

const globCache = new Map<string, RegExp>();

/**
 * Whether `path` matches `glob`. `*` matches within one segment (never across `.` or `[`), so `$.data[*].*` matches
 * `$.data[*].id` but not `$.data[*].customer.id`; `**` matches across segments. Everything else is literal, so a
 * path written exactly (including its `[*]`) matches itself.
 */
export function matchesGlob(path: string, glob: string): boolean {
  let re = globCache.get(glob);
  if (re === undefined) {
    let source = '';
    for (let i = 0; i < glob.length; i++) {
      const ch = glob[i] as string;
      if (ch === '*') {
        if (glob[i + 1] === '*') {
          source += '.*';
          i++;
        } else {
          source += '[^.[]*';
        }
      } else {
        source += ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
      }
    }
    re = new RegExp(`^${source}$`);
    globCache.set(glob, re);
  }
  return re.test(path);
}

/** A JSONPath as written by childPath/itemsPath, back into its steps: a property name, or `*` for every item. */
export function pathSteps(path: string): Array<{ key: string } | { items: true }> | undefined {
  if (!path.startsWith('$')) return undefined;
  const steps: Array<{ key: string } | { items: true }> = [];
  let i = 1;
  while (i < path.length) {
    if (path.startsWith('[*]', i)) {
      steps.push({ items: true });
      i += 3;
    } else if (path[i] === '.') {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(path.slice(i + 1));
      if (!m) return undefined;
      steps.push({ key: m[0] });
      i += 1 + m[0].length;
    } else if (path.startsWith("['", i)) {
      let key = '';
      let j = i + 2;
      for (; j < path.length && path[j] !== "'"; j++) key += path[j] === '\\' ? path[++j] ?? '' : path[j];
      if (path[j + 1] !== ']') return undefined;
      steps.push({ key });
      i = j + 2;
    } else {
      return undefined;
    }
  }
  return steps;
}
