// Module customization hook (runs on the loader thread): appends each ES module's URL to $EVIO_LINT_LOAD_LOG.
import fs from "node:fs";

export async function load(url, context, next) {
  if (process.env.EVIO_LINT_LOAD_LOG) fs.appendFileSync(process.env.EVIO_LINT_LOAD_LOG, `${url}\n`);
  return next(url, context);
}
