import type { Range } from "../text/range.js";

/** A syntax error found by a parser, in host-file offsets. Becomes a `parse-error` diagnostic. */
export interface ParseProblem {
  readonly message: string;
  readonly range: Range;
  /** the text was not analysed at all (over the parse budget): the message is whole, not a syntax error */
  readonly notAnalysed?: boolean;
}
