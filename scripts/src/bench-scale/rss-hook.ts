/**
 * Preloaded into the benchmark's child processes (`node --import tsx --import this`):
 * at exit it writes the process's peak resident set size (KiB, getrusage) to the file
 * named by BENCH_RSS_FILE, so the peak is exact even for a process that ends on its own.
 */
import { writeFileSync } from 'node:fs';

const file = process.env.BENCH_RSS_FILE;
if (file) {
  process.on('exit', () => {
    writeFileSync(file, String(process.resourceUsage().maxRSS));
  });
}
