#!/usr/bin/env node
// A stand-in for fpm (which electron-builder downloads from GitHub, out of reach here) for the
// packaging test: it builds the .deb electron-builder asks for with Debian's own dpkg-deb, from
// the same arguments — the control fields, the maintainer scripts and every SRC=DEST file — so
// the test reads back exactly what the package would install. Only `-s dir -t deb` is known.
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import process from 'node:process';

const args = process.argv.slice(2);
const flags = new Map();
const depends = [];
const files = [];
for (let i = 0; i < args.length; i++) {
  const arg = args[i];
  if (arg === '--force') continue;
  if (arg.startsWith('-')) {
    const value = args[++i] ?? '';
    if (arg === '-d' || arg === '--depends') depends.push(value);
    else flags.set(arg, value);
  } else files.push(arg);
}
if (flags.get('-s') !== 'dir' || flags.get('-t') !== 'deb') fail(`only -s dir -t deb is known, not -s ${flags.get('-s')} -t ${flags.get('-t')}`);

const stage = mkdtempSync(join(tmpdir(), 'fpm-shim-'));
// The package's root is /: a private temporary folder's mode would become the system's.
chmodSync(stage, 0o755);
try {
  for (const spec of files) {
    const at = spec.lastIndexOf('=');
    if (at <= 0) fail(`not SRC=DEST: ${spec}`);
    const [src, dest] = [spec.slice(0, at), spec.slice(at + 1)];
    const target = join(stage, dest);
    mkdirSync(statSync(src).isDirectory() ? target : dirname(target), { recursive: true });
    cpSync(src, target, { recursive: true, preserveTimestamps: true });
  }
  mkdirSync(join(stage, 'DEBIAN'));
  const description = (flags.get('--description') ?? '').trim();
  const control = [
    `Package: ${flags.get('--name')}`,
    `Version: ${flags.get('--version')}`,
    `Architecture: ${flags.get('--architecture')}`,
    `Maintainer: ${flags.get('--maintainer')}`,
    `Priority: ${flags.get('--deb-priority') ?? 'optional'}`,
    `Homepage: ${flags.get('--url')}`,
    `Depends: ${depends.join(', ')}`,
    ...(flags.has('--deb-recommends') ? [`Recommends: ${flags.get('--deb-recommends')}`] : []),
    `Description: ${description.split('\n')[0]}`,
  ];
  writeFileSync(join(stage, 'DEBIAN/control'), control.join('\n') + '\n');
  for (const [flag, name] of [['--after-install', 'postinst'], ['--after-remove', 'postrm']]) {
    if (!flags.has(flag)) continue;
    writeFileSync(join(stage, 'DEBIAN', name), readFileSync(flags.get(flag)));
    chmodSync(join(stage, 'DEBIAN', name), 0o755);
  }
  const built = spawnSync('dpkg-deb', ['--root-owner-group', '-Zxz', '--build', stage, flags.get('--package')], { encoding: 'utf8' });
  if (built.status !== 0) fail(`dpkg-deb failed: ${built.stderr}`);
} finally {
  rmSync(stage, { recursive: true, force: true });
}

function fail(message) {
  process.stderr.write(`fpm-shim: ${message}\n`);
  process.exit(1);
}
