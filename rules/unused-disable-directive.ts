import { defineRule } from "../src/engine/define-rule.js";

// Reported by the engine after suppressions are applied; this file carries its documentation.
export default defineRule({
  id: "unused-disable-directive",
  severity: "warning",
  fix: "safe",
  needsWorkspace: false,
  messages: {},
  docs: {
    summary: "Report suppression comments that suppress nothing",
    why: "A stale `evio-lint-disable` comment hides nothing today but will silently hide the next real finding on that line. Directives name the rules they silence and may give a reason after ` -- `; one that silences nothing, or names a rule that does not exist, is reported.",
    examples: [
      { file: "scripts/setup.sh", bad: "# evio-lint-disable-next-line no-pip -- legacy bootstrap\nuv sync", good: "uv sync" },
    ],
    fixSafety: "Safe: removing a comment that suppresses nothing changes no behaviour. A directive that still suppresses some of its rules is reported without a fix.",
  },
  on: {},
});
