// What the bundle (tools/bundle.ts, one CommonJS file) exports: the CLI, and the worker thread's
// body for the bundle's worker.js. The worker's modules are imported on call, so that they stay
// lazy in the bundle like everything main.ts imports on demand.
export { engineRan, main } from "./main.js";

export async function runWorker(): Promise<void> {
  await (await import("./worker-run.js")).runWorker();
}
