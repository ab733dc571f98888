/**
 * Words and emoji that mark documentation as a counter-example where they lead (docs/contract.md,
 * "How the hard cases are decided > Documentation"). Kept apart from the Markdown embedder so that config can
 * name the defaults without loading a Markdown parser.
 */
export const DEFAULT_COUNTER_EXAMPLE_MARKERS: readonly string[] = [
  "❌",
  "✗",
  "🚫",
  "Never",
  "Don't",
  "Do not",
  "Wrong",
  "Bad",
  "Incorrect",
  "Avoid",
  "Before",
  "Old",
  "Anti-pattern",
];
