// `driftwatch demo`: the whole story in one command; `--serve` keeps the demo vendor up for your own experiments.
import { runDemo, serveDemoVendor } from '../../app/demo.js';
import { renderHistoryText } from '../../report/history/text.js';
import { painter } from '../../report/paint.js';
import { renderScanText } from '../../report/scan/text.js';
import { ExitCode } from '../exit.js';
import { processSignals, type CliIo } from '../io.js';

export interface DemoFlags {
  keep?: boolean;
  serve?: boolean;
  port?: number;
  release?: 'v1' | 'v2';
}

export async function demoCommand(flags: DemoFlags, io: CliIo): Promise<number> {
  if (flags.serve) return serve(flags, io);
  const paint = painter(io.color);
  const result = await runDemo({
    env: io.env,
    now: () => io.now(),
    keep: Boolean(flags.keep),
    hooks: {
      step: (title) => io.stdout(`\n${paint('bold', `▸ ${title}`)}\n`),
      // Progress lines would only repeat what each step prints.
      log: () => {},
      accepted: (r) => {
        for (const w of r.written) {
          const file = w.endpoint.startsWith('event:') ? `events/${w.endpoint.slice('event:'.length)}` : w.endpoint;
          io.stdout(`  accepted ${w.connector}/${w.endpoint} → snapshots/${w.connector}/${file}.json (status ${w.status})\n`);
        }
      },
      scanned: (r) => io.stdout(indent(renderScanText(r, { paint }))),
      history: (drifts) => io.stdout(indent(renderHistoryText({ drifts, next: null, filter: {} }, { paint }))),
      slack: (messages) => {
        if (messages.length === 0) io.stdout('  (no message: nothing new to tell)\n');
        for (const message of messages) io.stdout(indent(message));
      },
    },
  });
  const s = result.scan.summary;
  io.stdout(
    `\n${paint('bold', 'What happened:')} Ledgerly's release broke ${s.breaking} thing(s) the billing connector reads. ` +
      `In your own project, \`driftwatch scan\` exits 1 on this, so the nightly job goes red.\n`,
  );
  io.stdout(result.kept ? `The demo project is kept at ${result.root}\n` : 'The demo folder was removed (use --keep to look around).\n');
  return ExitCode.clean;
}

async function serve(flags: DemoFlags, io: CliIo): Promise<number> {
  const token = io.env.LEDGERLY_API_KEY ?? 'demo-token';
  const vendor = await serveDemoVendor({ token, port: flags.port ?? 4010, release: flags.release ?? 'v1' });
  io.stdout(`Ledgerly demo vendor (${vendor.release}) on ${vendor.url}; bearer token from LEDGERLY_API_KEY (now "${token === 'demo-token' ? token : '<yours>'}"). Ctrl-C stops it.\n`);
  let stopListening = (): void => {};
  await new Promise<void>((resolve) => {
    stopListening = (io.onStop ?? processSignals)(() => resolve());
  });
  stopListening();
  await vendor.close();
  return ExitCode.clean;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => (line ? `  ${line}` : line))
    .join('\n');
}
