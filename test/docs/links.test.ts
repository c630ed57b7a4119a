// Every relative link in README.md, CONTRIBUTING.md and docs/*.md reaches a file that exists, and, with a #fragment,
// a heading of that file (GitHub's anchor rules), so moving a section between pages cannot leave a link behind.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const REPO = fileURLToPath(new URL('../../', import.meta.url));

/** The pages whose links are checked: what a reader of the repository (or the package's docs/) follows. */
function pages(): string[] {
  const docs = readdirSync(join(REPO, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => join('docs', f));
  return ['README.md', 'CONTRIBUTING.md', ...docs.sort()];
}

/** The Markdown with fenced code blocks blanked out (keeping line numbers): links and headings there are text. */
function withoutFences(markdown: string): string[] {
  let fence: string | null = null;
  return markdown.split('\n').map((line) => {
    const open = /^\s*(`{3,}|~{3,})/.exec(line);
    if (fence === null && open) {
      fence = open[1]!.slice(0, 3);
      return '';
    }
    if (fence !== null) {
      if (line.trim().startsWith(fence)) fence = null;
      return '';
    }
    return line;
  });
}

/** Inline code spans removed: `[a](b)` inside backticks is an example, not a link. */
function withoutCodeSpans(line: string): string {
  return line.replace(/(`+)[\s\S]*?\1/g, '');
}

export interface Link {
  line: number;
  target: string;
}

/** Inline links and images `[text](target "title")` and reference definitions `[id]: target`. */
export function linksIn(markdown: string): Link[] {
  const links: Link[] = [];
  withoutFences(markdown).forEach((raw, index) => {
    const line = withoutCodeSpans(raw);
    for (const m of line.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) links.push({ line: index + 1, target: m[1]! });
    const definition = /^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+"[^"]*")?\s*$/.exec(line);
    if (definition) links.push({ line: index + 1, target: definition[1]! });
  });
  return links;
}

/**
 * GitHub's heading anchors: the heading's text as rendered (code spans keep their text, links their label, emphasis
 * marks go), lower-cased, every character that is not a letter, digit, space, hyphen or underscore removed, each space
 * a hyphen; a repeated anchor gets -1, -2... in order.
 */
export function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const line of withoutFences(markdown)) {
    const heading = /^ {0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!heading) continue;
    const text = heading[1]!
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/`([^`]*)`/g, '$1')
      .replace(/<[^>]+>/g, '');
    const base = text
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\p{M} _-]/gu, '')
      .replace(/ /g, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  return anchors;
}

/** Whether a link leaves the repository (a URL, a mail address): not this test's business. */
function external(target: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//');
}

/** What is wrong with each relative link of one page, as `page:line target: why`. */
function brokenLinks(page: string): string[] {
  const text = readFileSync(join(REPO, page), 'utf8');
  const problems: string[] = [];
  for (const { line, target } of linksIn(text)) {
    if (external(target)) continue;
    const [pathPart, fragment] = target.split('#', 2) as [string, string | undefined];
    const file = pathPart === '' ? join(REPO, page) : join(REPO, dirname(page), decodeURIComponent(pathPart));
    const where = `${page}:${line} ${target}`;
    if (!relative(REPO, file).split(/[\\/]/).every((s) => s !== '..')) problems.push(`${where}: outside the repository`);
    else if (!existsSync(file)) problems.push(`${where}: no such file`);
    else if (fragment !== undefined && fragment !== '') {
      if (statSync(file).isDirectory() || !file.endsWith('.md')) problems.push(`${where}: an anchor into something that is not a Markdown page`);
      else if (!anchorsOf(readFileSync(file, 'utf8')).has(decodeURIComponent(fragment).toLowerCase())) {
        problems.push(`${where}: no heading with this anchor in ${relative(REPO, file)}`);
      }
    }
  }
  return problems;
}

describe('the link checker itself', () => {
  it('makes anchors as GitHub does', () => {
    const page = [
      '# driftwatch',
      '## Contracts and the CI gate: `driftwatch verify`',
      '### `verify --live` authenticates the same way',
      '## CI is red: what now?',
      '## Usage-aware severity: pinned fields break, unpinned fields only warn',
      '## Rules',
      '## Rules',
      '```',
      '# not a heading',
      '```',
      '## See [the store](store.md) — always',
    ].join('\n');
    expect([...anchorsOf(page)]).toEqual([
      'driftwatch',
      'contracts-and-the-ci-gate-driftwatch-verify',
      'verify---live-authenticates-the-same-way',
      'ci-is-red-what-now',
      'usage-aware-severity-pinned-fields-break-unpinned-fields-only-warn',
      'rules',
      'rules-1',
      'see-the-store--always',
    ]);
  });

  it('finds inline links, images and definitions, and skips code', () => {
    const page = ['See [a](a.md#x) and ![b](img/b.png "B").', '`[not](here.md)`', '```', '[no](fence.md)', '```', '[ref]: docs/c.md'].join('\n');
    expect(linksIn(page)).toEqual([
      { line: 1, target: 'a.md#x' },
      { line: 1, target: 'img/b.png' },
      { line: 6, target: 'docs/c.md' },
    ]);
  });
});

describe('relative links in the docs', () => {
  const all = pages();

  it('checks the README, CONTRIBUTING.md and every page under docs/', () => {
    expect(all).toEqual(expect.arrayContaining(['README.md', 'CONTRIBUTING.md', 'docs/cli.md', 'docs/rules.md']));
    const relativeLinks = all.flatMap((page) => linksIn(readFileSync(join(REPO, page), 'utf8')).filter((l) => !external(l.target)));
    expect(relativeLinks.length).toBeGreaterThan(50);
  });

  it.each(all)('%s: every relative link reaches a file, and its #anchor a heading there', (page) => {
    expect(brokenLinks(page)).toEqual([]);
  });
});
