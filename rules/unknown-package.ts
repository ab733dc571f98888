import { defineRule, type RelatedInput } from "../src/engine/define-rule.js";
import type { Member, WorkspaceModel } from "../src/facts/python/workspace.js";
import { fromDir, knownDir, respell } from "../src/facts/shell/paths.js";
import { PACKAGE_SUBCOMMANDS, uvInvocation } from "../src/facts/shell/uv-commands.js";
import { packageWord } from "../src/text/quote.js";

const messages = {
  unknown: "`--package {{name}}` names no workspace member ({{members}}); use one of their names.",
  didYouMean: "`--package {{name}}` names no workspace member ({{members}}); did you mean `{{closest}}`?",
  folder: "`--package` takes a member's name, not a folder: {{instead}}.",
} as const;

export default defineRule({
  id: "unknown-package",
  severity: "error",
  fix: "suggestion",
  needsWorkspace: true,
  messages,
  docs: {
    summary: "Require `--package` to name a workspace member",
    why: "`uv run --package X`, `uv add --package X` and `uv sync --package X` fail (or, for `uv tree`, print nothing) when X is not a member of the workspace, usually after a rename or a typo. The member list is the root pyproject.toml's `[tool.uv.workspace]` and each member's `[project] name`; names compare PEP 503-normalized (`evio_core` = `evio-core`). A folder is no name: `--package workspace/libs/evio-core` fails even though the folder is a member.",
    examples: [
      {
        file: "scripts/test.sh",
        bad: "uv run --package workspace/libs/evio-core pytest",
        good: "uv run --package evio-core pytest",
      },
    ],
    fixSafety:
      "Suggestion only: the closest member name (by edit distance) or the name of the member in the folder given is what was probably meant, but a person confirms it. `uv tree --package X --invert` may name any locked package and is not checked; nor are placeholders (`<member>`) and `$VARS`. In a repository without a root pyproject.toml names are not checked (workspace-members reports the missing workspace).",
  },
  on: {
    command(cmd, ctx) {
      const uv = uvInvocation(cmd);
      const option = uv?.package;
      if (!uv || !option || !uv.sub || !PACKAGE_SUBCOMMANDS.has(uv.sub) || (uv.sub === "tree" && uv.invert)) return;
      const word = option.value;
      const name = word.value;
      if (name === null || word.placeholder || word.opaque || name === "") return;
      const ws = ctx.workspace;
      const replaceWith = (instead: string | undefined) => {
        const text = instead === undefined || packageWord(instead) === null ? null : respell(word, instead);
        return text === null ? [] : [{ description: `Replace with \`${instead}\``, edits: [ctx.replace(word.range, text)] }];
      };
      if (name.includes("/") || name === "." || name === "..") {
        const dir = knownDir(cmd.cwd);
        const at = dir === null ? null : fromDir(dir, name);
        const member = at === null ? undefined : ws.memberAtDir(at);
        const instead = member ? `use \`--package ${member.name}\` (the name in ${member.pyprojectPath})` : "use the `[project] name` from that folder's pyproject.toml";
        return ctx.report(word.range, "folder", { instead }, { suggest: replaceWith(member?.name), related: member ? namedAt(member) : [] });
      }
      if (ws.memberByName(name) || (ws.rootPyproject === undefined && ws.members.length === 0)) return;
      const closest = ws.closestMemberName(name);
      const members = ws.members.length === 0
        ? "pyproject.toml declares none"
        : `members in pyproject.toml: ${ws.members.slice(0, 8).map((m) => m.name).join(", ")}${ws.members.length > 8 ? `, ... (${ws.members.length} in all)` : ""}`;
      if (!closest) return ctx.report(word.range, "unknown", { name, members }, { related: membersListed(ws) });
      const meant = ws.memberByName(closest);
      ctx.report(word.range, "didYouMean", { name, members, closest }, { suggest: replaceWith(closest), related: meant ? namedAt(meant) : membersListed(ws) });
    },
  },
});

/** Where a member's name is written: what `--package` takes. */
function namedAt(member: Member): RelatedInput[] {
  if (!member.nameRange) return [];
  return [{ message: `\`${member.name}\` is this member's \`[project] name\``, range: member.nameRange, in: { path: member.pyprojectPath, text: member.text } }];
}

/** Where the root pyproject lists the members (or opens the workspace table that lists none). */
function membersListed(ws: WorkspaceModel): RelatedInput[] {
  const root = ws.rootPyproject;
  const range = root && (root.toml.valueRange(["tool", "uv", "workspace", "members"]) ?? root.toml.tableRange(["tool", "uv", "workspace"]));
  if (!root || !range) return [];
  return [{ message: "the workspace's members are listed here", range, in: { path: root.path, text: root.text } }];
}
