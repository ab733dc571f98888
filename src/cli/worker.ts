import { runWorker } from "./worker-run.js";

// The worker thread's entry when bin runs tsc's output; the bundle's worker.js calls the same function.
await runWorker();
