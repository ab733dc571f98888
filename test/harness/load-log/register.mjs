// Preloaded with `node --import`: logs every module the process loads to $EVIO_LINT_LOAD_LOG, the
// ES modules as they load (hooks.mjs) and the CommonJS ones (require's cache) as the process exits.
import fs from "node:fs";
import { createRequire, register } from "node:module";
import { pathToFileURL } from "node:url";

register("./hooks.mjs", import.meta.url);
const cache = createRequire(import.meta.url).cache;
process.on("exit", () => {
  const log = process.env.EVIO_LINT_LOAD_LOG;
  if (log) fs.appendFileSync(log, Object.keys(cache).map((file) => `${pathToFileURL(file).href}\n`).join(""));
});
