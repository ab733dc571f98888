import { performance } from "node:perf_hooks";

/**
 * How long a shell text may take to parse, in milliseconds. tree-sitter-bash is superlinear on
 * some broken input (160 KB of unclosed `${` took 50 s), so past this the text is reported as too
 * complex and not analysed. It grows with the text, so the whole run stays linear in its size:
 * ordinary scripts parse at about 5 MB/s, ten times faster than the allowance.
 */
export function parseBudgetMs(length: number): number {
  return 200 + Math.ceil(length / 500);
}

/**
 * A cheap test for "more than `budget` ms of CPU used": tree-sitter calls it very often, and
 * `process.cpuUsage()` is a system call. A parse starts the CPU clock only once it has run
 * `CPU_CLOCK_AFTER_MS` by the wall clock (most parses end long before: a document's hundreds of
 * snippets read no CPU clock at all), so the allowance is the budget plus at most that much; the
 * clock is then asked once the wall clock has passed the budget (CPU time cannot exceed it on
 * this thread) and at most every 10 ms.
 */
export function budgetCheck(budget: number): () => boolean {
  let wallStart = -1;
  let cpuStart = -1;
  let nextAsk = 0;
  return () => {
    const now = performance.now();
    if (wallStart < 0) {
      wallStart = now;
      nextAsk = now + CPU_CLOCK_AFTER_MS;
      return false;
    }
    if (now < nextAsk) return false;
    if (cpuStart < 0) {
      cpuStart = cpuMs();
      nextAsk = now + budget;
      return false;
    }
    nextAsk = now + 10;
    return cpuMs() - cpuStart > budget;
  };
}

const CPU_CLOCK_AFTER_MS = 20;

function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}
