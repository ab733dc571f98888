import { scriptInHeredoc, scriptInRange, scriptInWord } from "../../embed/shell-strings.js";
import type { Snippet } from "../../embed/snippet.js";
import type { ShellNode } from "../../parse/shell.js";
import type { Command, Wrapper } from "./command.js";
import { SHELLS } from "./command-words.js";

/**
 * Scripts a command runs besides its own words: a heredoc fed to a shell, the string of
 * `bash -c` (and `eval`, `su -c`, `nix-shell --run`: wrappers.ts says which word), alias bodies.
 * embed/shell-strings.ts builds each snippet; the walk (commands.ts) reads it where the command runs.
 */
export interface NestedScript {
  readonly snippet: Snippet | undefined;
  /** the wrappers the script's commands run under */
  readonly wrappers: readonly Wrapper[];
}

/** The shell that reads a redirected command's heredoc as its script: `bash <<EOF`, `sudo bash -s <<EOF`; `cat <<EOF` only prints it. */
export function heredocReader(cmd: Command | undefined): Command | undefined {
  while (cmd?.inner) cmd = cmd.inner;
  return cmd && readsScriptFromStdin(cmd) ? cmd : undefined;
}

/** The script of a `heredoc_redirect` that `shell` reads. */
export function heredocScript(snippet: Snippet, shell: Command, redirect: ShellNode): NestedScript | undefined {
  const heredoc = redirect.namedChildren.find((c) => c.type === "heredoc_body");
  if (!heredoc) return undefined;
  const wrapper: Wrapper = { name: shell.name!, kind: "shell-string", words: shell.words, range: shell.range };
  return { snippet: scriptInHeredoc(snippet, heredoc), wrappers: [...shell.wrappers, wrapper] };
}

/** The script in the word a shell-string wrapper runs (`bash -c '...'`); `wrapper` is that wrapper. */
export function shellStringScript(snippet: Snippet, scriptNode: ShellNode, outer: readonly Wrapper[], wrapper: Wrapper): NestedScript {
  return { snippet: scriptInWord(snippet, scriptNode), wrappers: [...outer, wrapper] };
}

/** The body of one `alias name=body` argument. An alias is no wrapper: its commands run as if typed where it is used. */
export function aliasScript(snippet: Snippet, arg: ShellNode): Snippet | undefined {
  const parts = arg.type === "concatenation" ? arg.namedChildren : [arg];
  const head = parts[0];
  if (!head || head.type !== "word") return undefined;
  const headText = snippet.text.slice(head.startIndex, head.endIndex);
  const eq = headText.indexOf("=");
  if (eq <= 0) return undefined;
  const name = headText.slice(0, eq);
  if (parts.length === 1) return scriptInRange(snippet, head.startIndex + eq + 1, head.endIndex, name);
  if (parts.length === 2 && eq === headText.length - 1) return scriptInWord(snippet, parts[1]!, name);
  return undefined;
}

/** `bash`, `bash -s`, `sh -e` read their script from stdin; `bash x.sh` and `bash -c '...'` do not. */
function readsScriptFromStdin(cmd: Command): boolean {
  if (cmd.name === null || !SHELLS.has(cmd.name)) return false;
  const args = cmd.args;
  for (let i = 0; i < args.length; i++) {
    const v = args[i]!.value;
    if (v === "-") return true;
    if (v === "--") return i + 1 === args.length;
    if (v !== null && /^[-+][a-zA-Z]*[oO]$/.test(v)) i++; // `-o pipefail`, `-euo pipefail`
    else if (v === null || !/^[-+]/.test(v)) return false; // `bash x.sh` runs the file
    else if (/^-[a-zA-Z]*s/.test(v)) return true; // the rest are positional parameters
    else if (/^-[a-zA-Z]*c/.test(v)) return false;
  }
  return true;
}
