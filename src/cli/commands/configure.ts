import { existsSync, readdirSync } from 'node:fs';
import type { Command } from 'commander';
import { nomConfig, type NomConfig } from '../../shared/config-schema.js';
import { describeIssues, instanceConfigPath, loadConfig, saveConfig } from '../../core/config/config-file.js';
import { defaultConfig } from '../../core/config/defaults.js';
import { UserError } from '../../core/errors.js';
import { Prompter } from '../configure/prompter.js';
import { runWizard } from '../configure/wizard.js';

interface ConfigureOptions {
  instance?: string;
  out?: string;
}

export function registerConfigure(program: Command): void {
  program
    .command('configure')
    .description('build or edit an instance configuration by answering questions (for headless boxes; as imon-configure)')
    .option('--instance <name>', 'the instance to create or edit, in the configuration folder (default: asked, "main")')
    .option('--out <file>', 'the configuration file to create or edit, instead of the configuration folder')
    .addHelpText('after', '\nAnswers may also be piped in, one per line. Nothing is written until the last question is answered.')
    .action((opts: ConfigureOptions) => runConfigure(opts));
}

async function runConfigure(opts: ConfigureOptions): Promise<void> {
  const startPath = opts.out ?? (opts.instance ? instanceConfigPath(opts.instance) : null);
  const base: NomConfig = startPath && existsSync(startPath) ? loadConfig(startPath) : defaultConfig(opts.instance ?? 'main');
  const prompter = new Prompter(process.stdin, process.stdout);
  if (startPath && existsSync(startPath)) prompter.say(`Editing ${startPath}: each default is its current value.`);

  const config = await runWizard(prompter, base, machineInterfaces());
  const checked = nomConfig.safeParse(config);
  if (!checked.success) throw new UserError(`not written: ${describeIssues(checked.error.issues)}`);
  const path = opts.out ?? instanceConfigPath(config.instance);
  const write = await prompter.yesNo(`\n${existsSync(path) ? 'Replace' : 'Write'} configuration file '${path}'?`, true);
  if (!write) {
    prompter.say('Nothing written.');
    return;
  }
  saveConfig(path, checked.data);
  prompter.say(`Wrote '${path}'. Try it in a terminal first: nom daemon ${opts.out ? `--config ${path}` : `--instance ${config.instance}`}`);
}

/** Every network interface the kernel knows, up or down (os.networkInterfaces() lists only those with addresses). */
function machineInterfaces(): string[] {
  try {
    return readdirSync('/sys/class/net').sort();
  } catch {
    return [];
  }
}
