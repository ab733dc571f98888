import { defineRule } from "../src/engine/define-rule.js";

// Reported by the engine itself for every file kind; this file carries its documentation.
export default defineRule({
  id: "parse-error",
  severity: "error",
  fix: "none",
  needsWorkspace: false,
  messages: {},
  docs: {
    summary: "Report files that cannot be parsed",
    why: "A file evio-lint cannot parse is a file it cannot check, and usually one that Nix, the shell, uv or a CI runner will also reject. The diagnostic gives the line and column of the first syntax error. Snippets in documentation are exempt: docs show fragments on purpose.",
    examples: [
      { file: "flake.nix", bad: "{ outputs = { self }: { a = ; }; }", good: "{ outputs = { self }: { a = 1; }; }" },
      { file: "pyproject.toml", bad: "[project\nname = \"evio\"", good: "[project]\nname = \"evio\"" },
    ],
    fixSafety: "None: a syntax error has no single right repair.",
  },
  on: {},
});
