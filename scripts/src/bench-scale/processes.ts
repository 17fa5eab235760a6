/**
 * Child processes of the benchmark, timed and with their peak memory: the exact peak
 * from getrusage (rss-hook.ts, written at exit) and, as a fallback for a process that
 * is killed, /proc/PID/status VmHWM polled while it runs.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const HOOK = pathToFileURL(fileURLToPath(new URL('./rss-hook.ts', import.meta.url))).href;

/** `node --import tsx --import rss-hook SCRIPT ARGS` (one process, so its pid is the one measured). */
export function nodeCommand(script: string, args: string[]): [string, string[]] {
  return [process.execPath, ['--import', 'tsx', '--import', HOOK, script, ...args]];
}

/** A field of /proc/PID/status in KiB (VmHWM: peak RSS so far, VmRSS: now), null once gone. */
export function statusKb(pid: number, field: 'VmHWM' | 'VmRSS'): number | null {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(
      readFileSync(`/proc/${pid}/status`, 'utf8'),
    );
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/** Polls a process's memory: the highest VmHWM seen and the VmRSS samples (for "flat during"). */
export class MemoryWatch {
  peakKb = 0;
  private readonly timer: NodeJS.Timeout;
  private window: number[] | null = null;

  constructor(
    readonly pid: number,
    intervalMs = 100,
  ) {
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
    this.sample();
  }

  sample(): void {
    const hwm = statusKb(this.pid, 'VmHWM');
    if (hwm !== null) this.peakKb = Math.max(this.peakKb, hwm);
    if (this.window) {
      const rss = statusKb(this.pid, 'VmRSS');
      if (rss !== null) this.window.push(rss);
    }
  }

  /** Starts collecting VmRSS samples (e.g. during the CSV export). */
  beginWindow(): void {
    this.window = [];
    this.sample();
  }

  /** The VmRSS samples since beginWindow. */
  endWindow(): number[] {
    this.sample();
    const out = this.window ?? [];
    this.window = null;
    return out;
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  seconds: number;
  peakRssKb: number;
  stdout: string;
  /** the last few KiB of stderr */
  stderr: string;
  timedOut: boolean;
}

export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
  /** keep stdout (default true; off for chatty children) */
  captureStdout?: boolean;
}

const TAIL = 8192;

/** Runs a command to its end, timed, with its peak RSS. Never throws for a failing child. */
export function runMeasured(
  command: string,
  args: string[],
  options: RunOptions = {},
): Promise<RunResult> {
  const rssFile = join(tmpdir(), `bench-rss-${process.pid}-${Date.now()}-${Math.random()}`);
  const started = performance.now();
  const child = spawn(command, args, {
    cwd: REPO_ROOT,
    env: { ...(options.env ?? process.env), BENCH_RSS_FILE: rssFile },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const watch = new MemoryWatch(child.pid!, 200);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => {
    if (options.captureStdout !== false) stdout += d.toString();
  });
  child.stderr.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-TAIL);
  });
  let timedOut = false;
  const timer = options.timeoutMs
    ? setTimeout(() => {
        timedOut = true;
        child.kill('SIGKILL');
      }, options.timeoutMs)
    : null;
  return new Promise((resolve) => {
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      watch.stop();
      let peak = watch.peakKb;
      if (existsSync(rssFile)) {
        peak = Math.max(peak, Number(readFileSync(rssFile, 'utf8')) || 0);
        rmSync(rssFile, { force: true });
      }
      resolve({
        code,
        signal,
        seconds: (performance.now() - started) / 1000,
        peakRssKb: peak,
        stdout,
        stderr,
        timedOut,
      });
    });
  });
}

export interface LongRunning {
  child: ChildProcess;
  pid: number;
  watch: MemoryWatch;
  /** the first line the child printed on stdout */
  firstLine: string;
  /** stderr so far (tail) */
  stderr(): string;
  /** peak RSS (KiB) read just before stopping it, then SIGTERM and wait */
  stop(): Promise<number>;
}

/** Starts a server-like child and waits for its first stdout line (its "ready" message). */
export function startLongRunning(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  readyTimeoutMs = 120_000,
): Promise<LongRunning> {
  const child = spawn(command, args, { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const watch = new MemoryWatch(child.pid!, 100);
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-TAIL);
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`child did not get ready in ${readyTimeoutMs} ms: ${stderr}`));
    }, readyTimeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`child exited (${code}) before it was ready: ${stderr}`));
    });
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (firstLine) => {
      clearTimeout(timer);
      child.removeAllListeners('exit');
      resolve({
        child,
        pid: child.pid!,
        watch,
        firstLine,
        stderr: () => stderr,
        stop: async () => {
          watch.sample();
          const peak = Math.max(watch.peakKb, statusKb(child.pid!, 'VmHWM') ?? 0);
          watch.stop();
          if (child.exitCode === null) {
            const exited = new Promise((done) => child.once('exit', done));
            child.kill('SIGTERM');
            await exited;
          }
          return peak;
        },
      });
    });
  });
}
