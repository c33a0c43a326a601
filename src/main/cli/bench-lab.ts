// `npm run bench -- lab [--boards 20] [--rate 100] [--seconds 30] --mqtt mqtt://127.0.0.1:PORT`: one agent with N
// virtual boards publishes to the broker; a subscriber here on `<prefix>/<bench>/#` counts every telemetry message
// by board and sequence. Prints one JSON line: what was published and received, lost and duplicated, the latency from
// the bench's receipt to the subscriber, and the agent's CPU and memory (boards included: they run in the agent).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { connect } from 'mqtt';
import { brokerUrlProblem } from '../../shared/bridge/contracts/mqtt';
import { numberFlag, parseFlags, UsageError } from './args';
import { projectRoot } from './paths';

/** utime + stime of a process, in ms (Linux /proc; clock ticks are 100 Hz there). */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function rssMB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round((Number(m[1]) / 1024) * 10) / 10 : NaN;
}

function pct(sorted: number[], p: number): number | null {
  if (!sorted.length) return null;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function waitFor(ok: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function benchLab(argv: string[]): Promise<Record<string, unknown>> {
  const f = parseFlags(argv, {
    boards: { type: 'string' },
    rate: { type: 'string' },
    seconds: { type: 'string' },
    mqtt: { type: 'string' },
  });
  const boards = numberFlag('boards', f.boards, 20, 1, 200);
  const rateHz = numberFlag('rate', f.rate, 100, 0.1, 1000);
  const seconds = numberFlag('seconds', f.seconds, 30, 1, 3600);
  const url = f.mqtt;
  if (!url) throw new UsageError('--mqtt URL is needed: the broker to publish to (e.g. a local mosquitto)');
  const problem = brokerUrlProblem(url);
  if (problem) throw new UsageError(`--mqtt: ${problem}`);
  const bench = `lab-bench-${process.pid}`;
  const base = `nucleo-mem/${bench}/`;
  const dir = mkdtempSync(join(tmpdir(), 'bench-lab-'));

  const seen = new Map<string, Set<number>>();
  let received = 0;
  let duplicates = 0;
  let measuring = false;
  const latencies: number[] = [];
  const sub = connect(url, { reconnectPeriod: 1000, clean: true });
  await new Promise<void>((resolve, reject) => {
    sub.once('connect', () => resolve());
    sub.once('error', reject);
  });
  await sub.subscribeAsync(`${base}#`, { qos: 1 });
  sub.on('message', (topic, payload) => {
    if (!topic.endsWith('/telemetry')) return;
    const now = Date.now();
    const m = JSON.parse(payload.toString()) as { t: string; seq: number };
    const board = topic.slice(base.length, -'/telemetry'.length);
    let s = seen.get(board);
    if (!s) seen.set(board, (s = new Set()));
    received++;
    if (s.has(m.seq)) duplicates++;
    else s.add(m.seq);
    if (measuring) latencies.push(now - Date.parse(m.t));
  });

  const agent = spawn(
    process.execPath,
    [
      ...['--import', 'tsx', join(projectRoot, 'src/main/cli/main.ts'), 'agent'],
      ...['--mqtt', url, '--bench', bench, '--virtual', String(boards)],
      ...['--telemetry-ms', String(Math.max(1, Math.round(1000 / rateHz))), '--config-dir', dir],
    ],
    { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  agent.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const lines: string[] = [];
  createInterface({ input: agent.stdout! }).on('line', (l) => lines.push(l));
  const exited = new Promise<number | null>((r) => agent.once('exit', (code) => r(code)));
  try {
    await waitFor(() => lines.length >= 1, 60_000, `the agent to start (${stderr})`);
    await waitFor(() => seen.size >= boards, 60_000, 'telemetry from every board');
    const pid = agent.pid!;
    const cpu0 = cpuMs(pid);
    const received0 = received;
    const t0 = Date.now();
    measuring = true;
    await new Promise((r) => setTimeout(r, seconds * 1000));
    measuring = false;
    const wallMs = Date.now() - t0;
    const agentCpuPct = Math.round(((cpuMs(pid) - cpu0) / wallMs) * 1000) / 10;
    const agentRssMB = rssMB(pid);
    const inWindow = received - received0;
    agent.kill('SIGTERM');
    const code = await exited;
    if (code !== 0) throw new Error(`the agent exited with ${code}: ${stderr}`);
    const last = JSON.parse(lines.at(-1)!) as { telemetry: Record<string, number> };
    const published = Object.values(last.telemetry).reduce((a, b) => a + b, 0);
    const unique = () => [...seen.values()].reduce((a, s) => a + s.size, 0);
    await waitFor(() => unique() >= published, 15_000, 'the last messages').catch(() => undefined);
    latencies.sort((a, b) => a - b);
    return {
      boards,
      rateHz,
      seconds,
      published,
      received: unique() + duplicates,
      lost: published - unique(),
      duplicates,
      msgPerSec: Math.round((inWindow / wallMs) * 1000),
      latencyMsP50: pct(latencies, 50),
      latencyMsP99: pct(latencies, 99),
      agentCpuPct,
      agentRssMB,
      loadAvg1m: Math.round(loadavg()[0]! * 100) / 100,
      cpus: cpus().length,
    };
  } finally {
    if (agent.exitCode === null) agent.kill('SIGKILL');
    await sub.endAsync(true);
    rmSync(dir, { recursive: true, force: true });
  }
}
