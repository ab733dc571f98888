import path from "node:path";
import { defineRule, type FixInput, type SuggestionInput } from "../src/engine/define-rule.js";
import type { Member } from "../src/facts/python/workspace.js";
import { fromDir, isPathWord, keepStyle, knownDir, nixPathLiteral, relativeTo, respell, scriptSlot } from "../src/facts/shell/paths.js";
import { enclosingUvRun } from "../src/facts/shell/uv-commands.js";
import type { TextEdit } from "../src/text/edit.js";
import { packageWord } from "../src/text/quote.js";

const messages = {
  missing: "`{{path}}` does not exist (from {{where}}); fix the path or create the script.",
  inMember: "`{{path}}` does not exist from {{where}}: `uv run --package` does not change the directory. The script is `{{found}}` in member {{member}} ({{pyproject}}).",
  elsewhere: "`{{path}}` does not exist from {{where}}; the script is `{{found}}` in member {{member}} ({{pyproject}}).",
  nixMissing: "`{{path}}` does not exist: a Nix path literal is relative to {{nixFile}}, so it points at `{{resolved}}`.",
} as const;

export default defineRule({
  id: "run-path-exists",
  severity: "error",
  fix: "sometimes-safe",
  needsWorkspace: true,
  messages,
  docs: {
    summary: "Require the script a command runs to exist where the command runs",
    why: "`uv run --package evio python scripts/play_dat.py` chooses evio's environment but still runs in the current directory, so from the root it looks for `scripts/play_dat.py`, not `evio/scripts/play_dat.py`. The script slot is checked from the directory the command runs in (following `cd`, `--directory` and a host's working directory): the file given to `python`, to `bash`/`sh`, `uv run X.py`, or `./X.sh`. Nix path literals (`${./scripts/x.sh}`) are relative to the .nix file. Data arguments are never reported (data folders are usually not in git). In Markdown a finding is a warning (docs may describe files still to write; a config can lower it but not raise it), and a path the same document announces (`Create: scripts/x.py`, or a folder holding it) is not reported.",
    examples: [
      {
        file: "docs/demo.md",
        bad: "```bash\nuv run python scripts/play_dat.py data/fan/fan_const_rpm.dat\n```",
        good: "Create: `scripts/play_dat.py`\n\n```bash\nuv run python scripts/play_dat.py data/fan/fan_const_rpm.dat\n```",
      },
    ],
    fixSafety:
      "Safe when the command names its member with `--package M` and the script exists under M's folder: the script path gets M's folder as prefix, and so does each data argument that exists under M (others are left as written). When no `--package` is given but the file lies in one member (a member's own README) or exactly one member holds the script, a suggestion adds `--package M` and the prefix. Otherwise the finding has no fix.",
  },
  on: {
    command(cmd, ctx) {
      const slot = scriptSlot(cmd);
      if (!slot || slot.word.placeholder) return;
      const word = slot.word;
      // A Nix path literal is checked even in a build (it must exist to be copied to the store);
      // other paths of a build are relative to its sandbox.
      if (cmd.buildTime && !word.opaque) return;
      const cap = ctx.inDocs ? { severity: "warning" as const } : {};
      if (word.opaque) {
        const literal = nixPathLiteral(word);
        if (literal === null || ctx.inDocs || !cmd.file.endsWith(".nix")) return;
        const resolved = fromDir(path.posix.dirname(cmd.file), literal);
        if (resolved === null || ctx.repo.exists(resolved)) return;
        return ctx.report(word.range, "nixMissing", { path: literal, nixFile: cmd.file, resolved });
      }
      const dir = knownDir(cmd.cwd);
      const value = word.value;
      const target = dir === null || value === null ? null : fromDir(dir, value);
      if (dir === null || target === null || ctx.repo.exists(target)) return;
      if (ctx.announced(target) || ctx.announced(value!)) return;
      const where = dir === "." ? "the root" : `\`${dir}/\``;

      const uv = enclosingUvRun(cmd);
      const holds = (m: Member | undefined) => (m && m.dir !== "." && ctx.repo.exists(`${m.dir}/${target}`) ? m : undefined);
      // `--package <member>` in docs names no member yet: like no --package, but nothing to add.
      const given = uv?.package?.value;
      const named = given && !given.placeholder ? given.value : undefined;
      const member = named !== undefined
        ? holds(named === null ? undefined : ctx.workspace.memberByName(named))
        : holds(ctx.workspace.memberOwning(cmd.file)) ?? only(ctx.workspace.members.filter((m) => holds(m)));
      // The path as the shell reads it: quotes are no part of the file's name.
      if (!member) return ctx.report(word.range, "missing", { path: value!, where }, cap);

      // The script and every data argument that exists under the member move into its folder.
      const rebase = (rel: string): string | null => {
        const from = fromDir(dir, rel);
        const moved = from === null ? null : `${member.dir}/${from}`;
        return from !== null && moved !== null && !ctx.repo.exists(from) && ctx.repo.exists(moved) ? keepStyle(rel, relativeTo(dir, moved)) : null;
      };
      const found = rebase(value!)!;
      const spelled = respell(word, found);
      const edits: (TextEdit | null)[] = [spelled === null ? null : ctx.replace(word.range, spelled)];
      for (const w of cmd.words.slice(slot.index + 1)) {
        const moved = isPathWord(w) ? rebase(w.value!) : null;
        const text = moved === null ? null : respell(w, moved);
        if (text !== null) edits.push(ctx.replace(w.range, text));
      }
      const change = { description: `Use \`${found}\``, edits };
      const data = { path: value!, where, found, member: member.name, pyproject: member.pyprojectPath };
      if (named) return ctx.report(word.range, "inMember", data, { ...cap, fix: { safety: "safe", ...change } satisfies FixInput });
      const pkg = packageWord(member.name);
      if (pkg === null && uv?.subWord && !given) return ctx.report(word.range, "elsewhere", data, cap);
      const add = uv?.subWord && !given ? [ctx.insert(uv.subWord.range.end, ` --package ${pkg}`)] : [];
      const suggestion: SuggestionInput = { description: `Use \`${found}\`${add.length ? ` with \`--package ${member.name}\`` : ""}`, edits: [...add, ...edits] };
      ctx.report(word.range, "elsewhere", data, { ...cap, suggest: [suggestion] });
    },
  },
});

function only<T>(items: readonly T[]): T | undefined {
  return items.length === 1 ? items[0] : undefined;
}
