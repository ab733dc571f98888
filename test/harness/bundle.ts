import { bundleIfStale } from "../../tools/bundle.js";

// The e2e tests run bin/evio-lint.js, which runs the bundle: make it from tsc's output when that
// is newer, so `npx tsc && npx vitest run test/e2e/x.test.ts` tests the code just compiled.
export default async function setup(): Promise<void> {
  await bundleIfStale();
}
