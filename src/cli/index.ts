#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { UserError } from '../core/errors.js';
import { registerConfigure } from './commands/configure.js';
import { registerDaemon } from './commands/daemon.js';
import { registerImport } from './commands/import.js';
import { registerLog } from './commands/log.js';
import { registerReport } from './commands/report.js';
import { registerStatus } from './commands/status.js';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

function buildProgram(): Command {
  const program = new Command('nom')
    .description('nom, the Network Outage Monitor: an exact record of every outage, and the evidence to show your ISP')
    .version(pkg.version)
    .exitOverride()
    .configureOutput({
      // Commander's usage errors, kept to one line: "nom: unknown option '--x' (Did you mean --y?)".
      outputError: (text, write) => write(`nom: ${text.replace(/^error: /, '').replace(/\n(?=.)/g, ' ')}`),
    });
  registerConfigure(program);
  registerDaemon(program);
  registerImport(program);
  registerLog(program);
  registerReport(program);
  registerStatus(program);
  return program;
}

process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  // The reader went away (`nom log | head`): not an error of ours.
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

try {
  await buildProgram().parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    process.exitCode = err.exitCode;
  } else if (err instanceof UserError) {
    process.stderr.write(`nom: ${err.message}\n`);
    process.exitCode = err.exitCode;
  } else {
    process.stderr.write(`nom: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 70;
  }
}
