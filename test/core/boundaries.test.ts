// src/core stays pure: no IO modules, no clock, no environment. Fails naming the file, line and what it found.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const FORBIDDEN_MODULES = [
  'fs',
  'fs/promises',
  'net',
  'http',
  'https',
  'http2',
  'tls',
  'dgram',
  'dns',
  'child_process',
  'worker_threads',
  'undici',
  'better-sqlite3',
  'pg',
];

const MODULE_NAMES = FORBIDDEN_MODULES.map((m) => m.replace(/[/]/g, '\\/')).join('|');
const SPECIFIER = `['"](?:node:)?(?:${MODULE_NAMES})(?:\\/[^'"]*)?['"]`;
const CHECKS: readonly [string, RegExp][] = [
  ['an IO import', new RegExp(`\\b(?:import|export)\\b[^;]*?\\bfrom\\s*${SPECIFIER}|\\bimport\\s*${SPECIFIER}|\\bimport\\s*\\(\\s*${SPECIFIER}|\\brequire\\s*\\(\\s*${SPECIFIER}`)],
  ['Date.now()', /\bDate\s*\.\s*now\s*\(/],
  ['new Date() without an argument', /\bnew\s+Date\s*\(\s*\)/],
  ['new Date without parentheses', /\bnew\s+Date\b(?!\s*\()/],
  ['process.env', /\bprocess\s*\.\s*env\b/],
];

/** Each violation as `file:line what`; comments are blanked first so prose about the rule does not trip it. */
export function findViolations(source: string, file: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' ')).replace(/(^|[^:'"\\])\/\/.*$/gm, '$1');
  const found: string[] = [];
  code.split('\n').forEach((line, i) => {
    for (const [what, re] of CHECKS) if (re.test(line)) found.push(`${file}:${i + 1} ${what}`);
  });
  // Imports spread over several lines: check each whole statement too.
  for (const m of code.matchAll(/\b(?:import|export)\b[^;]*?\bfrom\s*['"][^'"]+['"]/g)) {
    const stmt = m[0];
    if (stmt.includes('\n') && (CHECKS[0] as [string, RegExp])[1].test(stmt)) {
      const line = code.slice(0, m.index).split('\n').length;
      found.push(`${file}:${line} an IO import`);
    }
  }
  return found;
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    return e.isDirectory() ? tsFiles(path) : e.name.endsWith('.ts') ? [path] : [];
  });
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('src/core boundaries', () => {
  it('no file under src/core imports IO, reads the clock or the environment', () => {
    const files = tsFiles(join(root, 'src', 'core'));
    expect(files.length).toBeGreaterThan(5);
    const violations = files.flatMap((f) => findViolations(readFileSync(f, 'utf8'), relative(root, f)));
    expect(violations).toEqual([]);
  });

  it.each([
    "import { readFileSync } from 'node:fs';",
    "import * as fs from 'fs';",
    "import { readFile } from 'node:fs/promises';",
    "import { request } from 'undici';",
    "import Database from 'better-sqlite3';",
    "import pg from 'pg';",
    "import { createServer } from 'node:http';",
    "import https from 'https';",
    "import { connect } from 'node:tls';",
    "import { spawn } from 'node:child_process';",
    "import type { Socket } from 'node:net';",
    "export { x } from 'node:fs';",
    "const fs = await import('node:fs');",
    "const fs = require('fs');",
    "import 'undici';",
    "import {\n  readFileSync,\n} from 'node:fs';",
    'const t = Date.now();',
    'const d = new Date();',
    'const d = new Date;',
    'const token = process.env.TOKEN;',
  ])('catches %s', (source) => {
    expect(findViolations(source, 'x.ts')).not.toEqual([]);
  });

  it.each([
    "import { createHash } from 'node:crypto';",
    "import { fsLike } from './fs-like.js';",
    "import { pgnMoves } from 'pgn';",
    'const d = new Date(text);',
    'const d = new Date(0);',
    "// Date.now() would make this impure, so the caller passes the time\nconst x = 1;",
    '/* no process.env here */',
  ])('allows %s', (source) => {
    expect(findViolations(source, 'x.ts')).toEqual([]);
  });
});
