import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Lab } from './lab.js';
import { INTERNET_HOSTS } from './topology.js';

const SCRIPT = fileURLToPath(new URL('./ip-provider.ts', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const LINE_TIMEOUT_MS = 10_000;

/** An ip-provider.ts process on one of the lab's internet addresses, its mode changed over stdin. */
export class LabIpProvider {
  readonly url: string;
  #output = '';
  #stderr = '';

  private constructor(
    private readonly child: ChildProcess,
    address: string,
  ) {
    this.url = `http://${address}/`;
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (this.#output += chunk));
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (this.#stderr += chunk));
  }

  /** Starts a provider on port 80 of `address` (one of the internet's spare addresses). */
  static async start(lab: Lab, address: string, mode: string): Promise<LabIpProvider> {
    if (!INTERNET_HOSTS.includes(address)) throw new Error(`${address} is not an internet host of the lab`);
    const child = lab.spawn('internet', process.execPath, ['--import', 'tsx', SCRIPT, '--listen', `${address}:80`, '--mode', mode], {
      cwd: REPO_ROOT,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const provider = new LabIpProvider(child, address);
    await provider.#waitFor(`listening ${address}:80`);
    return provider;
  }

  /** Changes what the provider answers; resolves once the change applies. */
  async setMode(mode: string): Promise<void> {
    this.child.stdin?.write(`${mode}\n`);
    await this.#waitFor(`mode ${mode}`);
  }

  async #waitFor(line: string): Promise<void> {
    const deadline = Date.now() + LINE_TIMEOUT_MS;
    while (!this.#output.split('\n').includes(line)) {
      if (this.child.exitCode !== null || Date.now() > deadline) throw new Error(`ip-provider: no "${line}": ${this.#stderr.trim()}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    this.#output = this.#output.split('\n').filter((l) => l !== line).join('\n');
  }
}
