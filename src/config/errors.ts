// The typed error defineConnector() throws when its input is invalid; the problems travel with it as data.
import type { ConfigProblem } from '../core/model.js';
import { formatProblem } from '../core/format-problem.js';

export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';

  constructor(readonly problems: ConfigProblem[]) {
    super(
      problems.length === 1
        ? `invalid connector: ${formatProblem(problems[0]!)}`
        : `invalid connector (${problems.length} problems):\n${problems.map((p) => `  ${formatProblem(p)}`).join('\n')}`,
    );
    this.name = 'ConfigError';
  }
}
