// The Node.js floor of package.json's `engines.node` (">=MAJOR.MINOR[.PATCH]"), checked when this module is imported:
// on an older Node it prints one line saying what is needed and exits 1, before anything else can fail obscurely.
// Imported first by every npm script of ours; `node scripts/node-version.mjs` runs the check alone (.ci/provision-node
// uses it to decide whether the Node on PATH will do).
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

/** [major, minor, patch] of a ">=X.Y[.Z]" range; throws on any other form, which this check could not honour. */
function floorOf(range) {
  const m = /^>=\s*(\d+)\.(\d+)(?:\.(\d+))?$/.exec(String(range).trim());
  if (!m)
    throw new Error(`package.json engines.node must read ">=MAJOR.MINOR", not ${JSON.stringify(range)}`);
  return [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
}

/** True when `version` ("22.12.0" or "v22.12.0") is at least `floor`. */
function satisfies(version, floor) {
  const v = String(version)
    .replace(/^v/, '')
    .split('.')
    .map((n) => parseInt(n, 10));
  for (let i = 0; i < 3; i++) {
    const a = v[i] ?? 0;
    if (a !== floor[i]) return a > floor[i];
  }
  return true;
}

const floor = floorOf(pkg.engines?.node);
if (!satisfies(process.versions.node, floor)) {
  const wanted = floor[2] ? floor.join('.') : `${floor[0]}.${floor[1]}`;
  console.error(
    `NUCLEO-MEM Bench needs Node.js ${wanted} or newer, and this is Node.js ${process.versions.node}: see "Prerequisites" in README.md.`,
  );
  process.exit(1);
}
