// Preloaded with `node --import`: logs every module the process loads to $EVIO_LINT_LOAD_LOG, the
// ES modules as they load (hooks.mjs), the CommonJS ones (require's cache) as the process exits,
// and each module of the bundle as it is initialised (tools/bundle.ts calls this global).
import fs from "node:fs";
import { createRequire, register } from "node:module";
import { pathToFileURL } from "node:url";

register("./hooks.mjs", import.meta.url);
const log = process.env.EVIO_LINT_LOAD_LOG;
if (log) globalThis.__evioLoadLog = (entry) => fs.appendFileSync(log, entry.includes("://") ? `${entry}\n` : `init:${entry}\n`);
const cache = createRequire(import.meta.url).cache;
process.on("exit", () => {
  if (log) fs.appendFileSync(log, Object.keys(cache).map((file) => `${pathToFileURL(file).href}\n`).join(""));
});
