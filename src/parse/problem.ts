import type { Range } from "../text/range.js";

/** A syntax error found by a parser, in host-file offsets. Becomes a `parse-error` diagnostic. */
export interface ParseProblem {
  readonly message: string;
  readonly range: Range;
}
