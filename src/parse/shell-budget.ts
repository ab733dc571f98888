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
 * `process.cpuUsage()` is a system call, so it is asked only once the clock has passed the budget
 * (CPU time cannot exceed the wall clock on this thread) and then at most every 10 ms; the
 * first call-back starts both clocks.
 */
export function budgetCheck(budget: number): () => boolean {
  // Most snippets are a line or two and never call back; those read no CPU clock at all.
  let cpuStart = -1;
  let nextAsk = 0;
  return () => {
    const now = performance.now();
    if (cpuStart < 0) {
      cpuStart = cpuMs();
      nextAsk = now + budget;
    }
    if (now < nextAsk) return false;
    nextAsk = now + 10;
    return cpuMs() - cpuStart > budget;
  };
}

function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}
