import { existsSync, readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { saveConfig } from '../../core/config/config-file.js';
import { importImon } from '../../core/config/imon-import.js';
import { UserError, fsUserError } from '../../core/errors.js';

interface ImportOptions {
  out?: string;
  force?: boolean;
}

export function registerImport(program: Command): void {
  const importCommand = program.command('import').description('turn another tool’s configuration into nom’s');
  importCommand
    .command('imon')
    .description("read an imon instance file (/etc/default/imon-NAME) and print nom's configuration for it, or write it with --out")
    .argument('<file>', 'the imon instance file')
    .option('--out <config>', 'write the configuration here (for nom daemon --config) instead of printing it')
    .option('--force', 'with --out, replace a file that already exists')
    .action((file: string, opts: ImportOptions) => runImport(file, opts));
}

function runImport(file: string, opts: ImportOptions): void {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw fsUserError(err, file);
  }
  const { config, notes } = importImon(text, file);
  if (opts.out !== undefined && existsSync(opts.out) && !opts.force) throw new UserError(`${opts.out}: already exists (add --force to replace it)`);
  for (const note of notes) process.stderr.write(`note: ${note}\n`);
  if (opts.out === undefined) {
    process.stdout.write(JSON.stringify(config, null, 2) + '\n');
    return;
  }
  saveConfig(opts.out, config);
  const on = [config.updown, config.ping, config.ddns, config.failover]
    .map((section, i) => (section?.enabled ? ['updown', 'ping', 'ddns', 'failover'][i] : null))
    .filter((name) => name !== null);
  process.stderr.write(`wrote ${opts.out} (instance ${config.instance}: ${on.join(', ')}); run: nom daemon --config ${opts.out}\n`);
}
