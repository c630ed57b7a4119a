// Stand-ins for the runner's collaborators: a scan the test steers, a logger that keeps its lines, a connector.
import { pino, type Logger } from 'pino';
import { defineConnector } from '../../../src/config/define-connector.js';
import type { Connector, SampleOutcome } from '../../../src/core/model.js';
import type { ConnectorScan, ScanRequest } from '../../../src/schedule/connector-runner.js';

export interface LogEntry {
  level: number;
  msg: string;
  [key: string]: unknown;
}

/** A real pino logger writing JSON lines into memory. */
export function capturedLogger(): { logger: Logger; entries: () => LogEntry[]; text: () => string } {
  const lines: string[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(line) });
  const text = (): string => lines.join('');
  return { logger, text, entries: () => text().split('\n').filter(Boolean).map((l) => JSON.parse(l) as LogEntry) };
}

export function testConnector(name: string): Connector {
  return defineConnector({
    name,
    owner: { name: 'Test Owner', slack: '#test', email: 'owner@example.com' },
    baseUrl: 'https://vendor.example',
    endpoints: [{ id: 'things', path: '/things' }],
  });
}

export function okOutcome(connector: string): SampleOutcome {
  return {
    ok: true,
    sample: {
      connector, endpoint: 'things', method: 'GET', url: 'https://vendor.example/things', status: 200, contentType: 'application/json',
      headers: {}, latencyMs: 5, sizeBytes: 2, bodyHash: 'h', body: {}, takenAt: '2026-11-23T03:00:00.000Z', attempts: 1,
    },
  };
}

export function failedOutcome(connector: string, kind: 'timeout' | 'invalid-json' = 'timeout'): SampleOutcome {
  return { ok: false, failure: { connector, endpoint: 'things', kind, message: `vendor ${kind}`, latencyMs: 5, attempts: 3, takenAt: '2026-11-23T03:00:00.000Z' } };
}

interface Call {
  request: ScanRequest;
  /** Ends this scan with these outcomes (default: one ok sample). */
  finish(outcomes?: SampleOutcome[]): void;
  fail(error: Error): void;
}

/**
 * A scan that behaves like the use case towards the runner: asks the gate, reports outcomes through onConnectorDone
 * (a gated connector reports circuit-open failures at once), and otherwise waits until the test finishes it, or
 * answers at once with `auto`.
 */
export function fakeScan(auto?: (connector: string) => SampleOutcome[]): { scan: ConnectorScan; calls: Call[]; started: (name: string) => number } {
  const calls: Call[] = [];
  let runId = 0;
  const scan: ConnectorScan = (request) => {
    const connector = testConnector(request.connector);
    const id = ++runId;
    const gate = request.gate(connector);
    if (gate.skip) {
      request.onConnectorDone(connector, [
        { ok: false, failure: { connector: connector.name, endpoint: 'things', kind: 'circuit-open', message: gate.reason, latencyMs: 0, attempts: 0, takenAt: '' } },
      ]);
      return Promise.resolve({ runId: id, summary: { breaking: 0 } });
    }
    return new Promise((resolve, reject) => {
      const call: Call = {
        request,
        finish(outcomes = [okOutcome(connector.name)]) {
          request.onConnectorDone(connector, outcomes);
          resolve({ runId: id, summary: { breaking: 0 } });
        },
        fail: reject,
      };
      calls.push(call);
      if (auto) call.finish(auto(connector.name));
    });
  };
  return { scan, calls, started: (name) => calls.filter((c) => c.request.connector === name).length };
}
