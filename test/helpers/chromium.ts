// The real Chromium for browser tests: found where installed (DRIFTWATCH_CHROMIUM, /usr/bin/chromium, or on PATH),
// launched offline through playwright-core (which downloads nothing), with a throwaway profile.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';

const NAMES = ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome'];

/** The Chromium binary to drive, or null when none is installed. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const given = env['DRIFTWATCH_CHROMIUM'];
  if (given) return existsSync(given) ? given : null;
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  for (const name of NAMES) {
    const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8', env }).stdout.trim();
    if (found) return found;
  }
  return null;
}

export const CHROMIUM_MISSING =
  'no Chromium found (set DRIFTWATCH_CHROMIUM, or install one: `apt-get install -y chromium`, which scripts/ci-services.sh does as root)';

/**
 * Whether browser tests run: yes with a Chromium; without one they are skipped with a warning, except under CI, where
 * `.ci/run` installs Debian's, so its absence is a broken pipeline and the caller's placeholder test fails.
 */
export function chromiumOrSkip(label: string): { executable: string | null; failInCi: boolean } {
  const executable = findChromium();
  if (!executable && !process.env['CI']) console.warn(`${label}: skipped: ${CHROMIUM_MISSING}. Under CI this fails instead.`);
  return { executable, failInCi: !executable && Boolean(process.env['CI']) };
}

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** A headless Chromium with its own profile; every request other than file: URLs is refused. */
export async function launchChromium(executablePath: string, viewport: { width: number; height: number }): Promise<Browser & { requested: string[] }> {
  const { chromium } = await import('playwright-core');
  const profile = await mkdtemp(join(tmpdir(), 'driftwatch-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport,
  });
  const requested: string[] = [];
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    requested.push(url);
    if (url.startsWith('file:')) await route.continue();
    else await route.abort('blockedbyclient');
  });
  return {
    context,
    requested,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
