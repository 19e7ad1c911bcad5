/**
 * Test fixture: creates a lab, starts a process in it, prints the namespace names and that
 * process's pid as JSON, then leaves without destroy() in the way its first argument says:
 *   exit   - returns from main and lets the process end
 *   throw  - throws an uncaught error
 *   signal - waits to be sent SIGINT/SIGTERM
 * lab.test.ts then checks that nothing of the lab survives.
 */
import { Lab } from './lab.js';

const mode = process.argv[2];
if (mode !== 'exit' && mode !== 'throw' && mode !== 'signal') throw new Error('usage: abandon-lab.ts exit|throw|signal');

const lab = await Lab.create({ name: 'abandon' });
const sleeper = lab.spawn('internet', 'sleep', ['600'], { stdio: 'ignore' });
process.stdout.write(`${JSON.stringify({ namespaces: Object.values(lab.ns), pid: sleeper.pid })}\n`);

if (mode === 'throw') throw new Error('abandoned by throwing');
if (mode === 'signal') setInterval(() => undefined, 1_000);
// 'exit' mode: the sleeper is detached and unreferenced, so the event loop can drain.
if (mode === 'exit') sleeper.unref();
