import type { Command } from "../../src/facts/shell/command.js";
import { defineRule } from "../../src/engine/define-rule.js";

/** A deliberately broken rule: a safe fix that replaces each matching command with `if then`, which does not parse. */
export function breakerRule(matches: (cmd: Command) => boolean) {
  return defineRule({
    id: "test-breaker",
    severity: "error",
    fix: "safe",
    messages: { m: "test" },
    docs: { summary: "t", why: "t", examples: [], fixSafety: "t" },
    on: {
      command(cmd, ctx) {
        if (matches(cmd)) ctx.report(cmd.range, "m", undefined, { fix: { safety: "safe", description: "break", edits: [ctx.replace(cmd.range, "if then")] } });
      },
    },
  });
}
