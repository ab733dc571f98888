#!/usr/bin/env node
"use strict";
// CommonJS (bin/package.json): an ES module here would start Node's ES module loader, 4-6 ms of
// every run (docs/performance.md).
const fs = require("node:fs");
const nodeModule = require("node:module");
const path = require("node:path");
const { pathToFileURL } = require("node:url");

// V8's code cache for tsc's output (Node 22.1+; absent on Node 20, where this is a no-op). It
// must be on before the first of those modules loads. The bundle brings its own (src/cli/bundle-loader.ts).
nodeModule.enableCompileCache?.();
// The bundle (tools/bundle.ts, made by `npm run build`) is what ships and starts fastest. In a
// checkout where only `tsc` ran since, it is missing or older than tsc's output: run that output
// then, so the code that runs is always the code last built.
const bundled = path.join(__dirname, "../dist/bundle/evio-lint.cjs");
const compiled = path.join(__dirname, "../dist/src/cli/main.js");
const mtime = (file) => fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? -1;
const argv = process.argv.slice(2);

// `--version` alone is answered before anything else loads: front.cjs, the option parser and a
// stdout stream were a quarter of its time (docs/performance.md). Any other form goes through main.
if (argv.length === 1 && (argv[0] === "--version" || argv[0] === "-v")) {
  const text = `${require("../package.json").version}\n`;
  try {
    fs.writeSync(1, text);
  } catch {
    process.stdout.write(text);
  }
  return;
}

async function run() {
  if (mtime(bundled) < mtime(compiled)) {
    const { main } = await import(pathToFileURL(compiled).href);
    process.exitCode = await main(argv);
    return;
  }
  const front = require("../dist/bundle/front.cjs");
  const answer = front.answerAlone(argv);
  if (answer !== undefined) {
    process.stdout.write(answer);
    return;
  }
  const bundle = front.loadBundle(argv);
  process.exitCode = await bundle.exports.main(argv);
  if (bundle.exports.engineRan()) bundle.saveCodeCache();
}

run().catch((error) => {
  // main reports what it expects; anything else is a bug, shown as Node would show it.
  process.exitCode = 1;
  throw error;
});
