#!/usr/bin/env node
import fs from "node:fs";
import module from "node:module";

// V8's code cache for tsc's output (Node 22.1+; absent on Node 20, where this is a no-op). It
// must be on before the first of those modules loads. The bundle brings its own (src/cli/bundle-loader.ts).
module.enableCompileCache?.();
// The bundle (tools/bundle.ts, made by `npm run build`) is what ships and starts fastest. In a
// checkout where only `tsc` ran since, it is missing or older than tsc's output: run that output
// then, so the code that runs is always the code last built.
const bundled = new URL("../dist/bundle/evio-lint.cjs", import.meta.url);
const compiled = new URL("../dist/src/cli/main.js", import.meta.url);
const mtime = (url) => fs.statSync(url, { throwIfNoEntry: false })?.mtimeMs ?? -1;
const argv = process.argv.slice(2);
if (mtime(bundled) >= mtime(compiled)) {
  const front = await import("../dist/bundle/front.js");
  const answer = front.answerAlone(argv);
  if (answer !== undefined) process.stdout.write(answer);
  else {
    const bundle = front.loadBundle();
    process.exitCode = await bundle.exports.main(argv);
    if (bundle.exports.engineRan()) bundle.saveCodeCache();
  }
} else {
  const { main } = await import(compiled.href);
  process.exitCode = await main(argv);
}
