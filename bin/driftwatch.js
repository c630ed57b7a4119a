#!/usr/bin/env node
// The driftwatch binary: runs the compiled CLI (npm ci builds it through the prepare script).
import { run } from '../dist/src/cli/main.js';
import { processIo } from '../dist/src/cli/io.js';

process.exitCode = await run(process.argv.slice(2), processIo());
