// Who did it, for the audit trail: `--by`, else git's user.email in the project, else the OS user.
import { execFile } from 'node:child_process';
import { userInfo } from 'node:os';

/** git answers in milliseconds; a hung credential helper or a missing git must not hold up an `ack`. */
const GIT_TIMEOUT_MS = 3_000;

/** Run with the command's environment (not this process's): the same PATH, HOME and git config the user meant. */
function gitEmail(root: string, env: Readonly<Record<string, string | undefined>>): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile('git', ['config', 'user.email'], { cwd: root, env: { ...env } as NodeJS.ProcessEnv, timeout: GIT_TIMEOUT_MS, windowsHide: true }, (error, stdout) => {
      const email = String(stdout ?? '').trim();
      resolve(error || email === '' ? undefined : email);
    });
  });
}

function osUser(env: Readonly<Record<string, string | undefined>>): string | undefined {
  const named = env['USER'] ?? env['USERNAME'];
  if (named !== undefined && named.trim() !== '') return named.trim();
  try {
    const name = userInfo().username.trim();
    if (name !== '') return name;
  } catch {
    // No passwd entry (a container's random uid): nobody to name.
  }
  return undefined;
}

export async function resolveActor(by: string | undefined, root: string, env: Readonly<Record<string, string | undefined>>): Promise<string> {
  if (by !== undefined && by.trim() !== '') return by.trim();
  return (await gitEmail(root, env)) ?? osUser(env) ?? 'unknown';
}
