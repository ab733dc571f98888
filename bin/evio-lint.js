#!/usr/bin/env node
import module from "node:module";

// V8's code cache for our modules (Node 22.1+; absent on Node 20, where this is a no-op). It must
// be on before the first of them loads.
module.enableCompileCache?.();
const { main } = await import("../dist/src/cli/main.js");
process.exitCode = await main(process.argv.slice(2));
