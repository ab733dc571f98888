import { wholeFileSnippet } from "../../src/embed/snippet.js";
import { extractCommands } from "../../src/facts/shell/commands.js";
import { SourceFile } from "../../src/text/source-file.js";

export const ROOT = "/repo";

/** Commands of a shell script at `path` in a repo rooted at /repo. */
export function commandsOf(code: string, path = "scripts/x.sh") {
  const host = new SourceFile(path, code);
  const facts = extractCommands(wholeFileSnippet(host, "shell", "shell"), { rootAbs: ROOT });
  return { host, ...facts };
}

/** A compact, readable rendering of one command for table assertions. */
export function describeCommand(cmd: ReturnType<typeof commandsOf>["commands"][number], host: { text: string }) {
  const cwd = cmd.cwd.kind === "known" ? cmd.cwd.path : cmd.cwd.kind;
  const wrappers = cmd.wrappers.map((w) => w.name).join(">");
  return `${wrappers ? wrappers + ">" : ""}${cmd.name ?? "?"} [${cmd.args.map((w) => w.value ?? "$").join(" ")}] @${cwd}${cmd.alias ? ` alias=${cmd.alias}` : ""} «${host.text.slice(cmd.range.start, cmd.range.end)}»`;
}
