#!/usr/bin/env node
import fs from "node:fs";
import module from "node:module";

// V8's code cache for our modules (Node 22.1+; absent on Node 20, where this is a no-op). It must
// be on before the first of them loads.
module.enableCompileCache?.();
// The bundle (tools/bundle.ts, made by `npm run build`) is what ships and starts fastest. In a
// checkout where only `tsc` ran since, it is missing or older than tsc's output: run that output
// then, so the code that runs is always the code last built.
const bundled = new URL("../dist/bundle/main.js", import.meta.url);
const compiled = new URL("../dist/src/cli/main.js", import.meta.url);
const mtime = (url) => fs.statSync(url, { throwIfNoEntry: false })?.mtimeMs ?? -1;
const { main } = await import(mtime(bundled) >= mtime(compiled) ? bundled.href : compiled.href);
process.exitCode = await main(process.argv.slice(2));
