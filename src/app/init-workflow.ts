// The GitHub Actions workflow `driftwatch init --ci github` writes: the PR gate and the nightly scan.
//
// Its choices, said once here and in the file itself (docs/ci-github.md says the same for readers):
// - Action majors that run on Node 24 (checkout v6, setup-node v6, cache v5, upload-artifact v6): the v4 ones run on
//   Node 20, which GitHub deprecated, and put a warning on every run. Node 24 for driftwatch itself (it needs 20.19+).
// - The nightly history survives the throwaway runner as the SQLite file carried from night to night by actions/cache
//   (nothing to set up, and drift stays "already open" instead of re-alerting every night); a team with a PostgreSQL
//   sets the secret DRIFTWATCH_DB to its URL and the cache then holds nothing. Why not PostgreSQL by default: it needs
//   a server reachable from GitHub's runners, which most teams adopting driftwatch do not have on day one.
// - Secret names GitHub accepts (see secretName in init.ts: never GITHUB_*).

export interface WorkflowOptions {
  /** The connector's token secret (and environment variable), already a valid GitHub secret name. */
  tokenSecret: string;
  connector: string;
}

/** Current major versions of the actions the workflow uses. */
export const ACTIONS = {
  checkout: 'actions/checkout@v6',
  setupNode: 'actions/setup-node@v6',
  cacheRestore: 'actions/cache/restore@v5',
  cacheSave: 'actions/cache/save@v5',
  uploadArtifact: 'actions/upload-artifact@v6',
} as const;

const RUNNER_NODE = '24';

/** The project-wide Slack webhook secret (src/app/notify-run.ts DEFAULT_SLACK_WEBHOOK_ENV). */
const SLACK_SECRET = 'DRIFTWATCH_SLACK_WEBHOOK';

export function githubWorkflowTemplate({ tokenSecret, connector }: WorkflowOptions): string {
  const setup = `      - uses: ${ACTIONS.checkout}
      - uses: ${ACTIONS.setupNode}
        with:
          node-version: ${RUNNER_NODE}
          cache: npm
      - run: npm ci`;
  return `# driftwatch: the contract gate on every pull request, and the nightly drift scan.
#
# Repository secrets to add (Settings > Secrets and variables > Actions):
#   ${tokenSecret.padEnd(24)} the token connector \`${connector}\` sends (contracts/${connector}/connector.yaml, auth.tokenEnv)
#   ${SLACK_SECRET.padEnd(24)} optional: the Slack incoming-webhook URL drift alerts go to
#   ${'DRIFTWATCH_DB'.padEnd(24)} optional: a postgres:// URL for the drift history (see the scan job)
name: driftwatch

on:
  pull_request:
  schedule:
    - cron: "17 3 * * *"
  workflow_dispatch:

permissions:
  contents: read

# One run at a time per pull request (a newer push cancels the older run) and one nightly scan at a time (a manual
# run waits for the scheduled one: two scans must not write the same history at once).
concurrency:
  group: driftwatch-\${{ github.event_name == 'pull_request' && github.ref || 'scan' }}
  cancel-in-progress: \${{ github.event_name == 'pull_request' }}

jobs:
  verify:
    # The CI gate: pacts vs the vendor's spec and vs the accepted snapshots. No network, no secrets needed.
    if: github.event_name == 'pull_request'
    runs-on: ubuntu-latest
    timeout-minutes: 15
    steps:
${setup}
      # Re-run the consumer contract tests (the \`contracts\` script driftwatch init added to package.json): a client
      # change that breaks its own pact fails here first, and verify reads the pact files they write.
      - run: npm run contracts
        env:
          PACT_DO_NOT_TRACK: "true"
      # Exit 1 when a contract is broken, 2 on bad input. The Markdown summary lands on the run page.
      - run: npx driftwatch verify --junit driftwatch-verify.xml
        env:
          PACT_DO_NOT_TRACK: "true"
      - uses: ${ACTIONS.uploadArtifact}
        if: always()
        with:
          name: driftwatch-verify
          path: driftwatch-verify.xml
          if-no-files-found: ignore

  scan:
    # The nightly job: sample every vendor, diff against snapshots, record drift, tell the owners. Exit 1 (a red run)
    # when a breaking drift is found.
    if: github.event_name != 'pull_request'
    runs-on: ubuntu-latest
    timeout-minutes: 30
    steps:
${setup}
      # The drift history must outlive the runner, or every night re-opens (and re-alerts) every drift. Kept here as
      # the SQLite file .driftwatch/history.db, carried from night to night by actions/cache: restored from the newest
      # saved copy, saved under a new key after the scan (cache entries are immutable). A copy unused for 7 days is
      # evicted by GitHub; the nightly keeps it fresh. With a PostgreSQL, set the DRIFTWATCH_DB secret to its URL
      # instead: the history then lives there and no file is cached.
      - uses: ${ACTIONS.cacheRestore}
        with:
          path: .driftwatch/history.db
          key: driftwatch-history-\${{ github.run_id }}-\${{ github.run_attempt }}
          restore-keys: driftwatch-history-
      - run: npx driftwatch scan
        env:
          # Secrets come from the repository's Actions secrets; connector files only name them.
          ${tokenSecret}: \${{ secrets.${tokenSecret} }}
          ${SLACK_SECRET}: \${{ secrets.${SLACK_SECRET} }}
          DRIFTWATCH_DB: \${{ secrets.DRIFTWATCH_DB }}
          PACT_DO_NOT_TRACK: "true"
      - uses: ${ACTIONS.cacheSave}
        if: always() && hashFiles('.driftwatch/history.db') != ''
        with:
          path: .driftwatch/history.db
          key: driftwatch-history-\${{ github.run_id }}-\${{ github.run_attempt }}
`;
}
