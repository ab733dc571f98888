import { it } from "vitest";
import { commandsOf, describeCommand } from "../harness/shell.js";
import * as fs from "node:fs";

it("dump", () => {
  const cases = JSON.parse(fs.readFileSync("/tmp/scr/cases.json", "utf8")) as string[];
  const out: string[] = [];
  for (const code of cases) {
    const { host, commands, problems } = commandsOf(code);
    out.push("=== " + JSON.stringify(code));
    for (const c of commands) {
      const p = host.positionAt(c.range.start);
      out.push(`  ${describeCommand(c, host)}  ${p.line}:${p.column}` + (c.assignments.length ? ` assigns=${c.assignments.map(a => a.name + "=" + (a.value?.value ?? "null")).join(",")}` : "") + (c.cwd.kind === "known" && c.cwd.setBy ? ` setBy=${JSON.stringify(host.text.slice(c.cwd.setBy.range.start, c.cwd.setBy.range.end))}/${c.cwd.setBy.joinedBy}` : ""));
    }
    for (const p of problems) { const s = host.positionAt(p.range.start); out.push(`  PROBLEM ${p.message} ${s.line}:${s.column}`); }
  }
  fs.writeFileSync("/tmp/scr/out.txt", out.join("\n") + "\n");
});
