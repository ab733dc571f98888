import type { ShellNode } from "../parse/shell.js";
import { OffsetMapBuilder } from "../text/offset-map.js";
import { childSnippet, noNewlineEscaper, type Escaper, type Snippet } from "./snippet.js";

// Scripts inside a shell script: the string of `bash -c '...'` (and `nix-shell --run`, `su -c`),
// an alias body, a heredoc fed to a shell. Each becomes a child snippet whose map leads back
// through the parent's, with an escaper for the quoting it sits in. The command walk
// (facts/shell/commands.ts) decides which words hold a script; this builds the snippet.

/** The script a quoted or bare word holds; undefined for another kind of word or a blank script. */
export function scriptInWord(parent: Snippet, node: ShellNode, alias?: string): Snippet | undefined {
  const text = parent.text;
  const b = new OffsetMapBuilder();
  if (node.type === "raw_string") {
    b.verbatim(text.slice(node.startIndex + 1, node.endIndex - 1), node.startIndex + 1);
    return child(parent, b, singleQuoteEscaper, alias);
  }
  if (node.type === "string") {
    const body = text.slice(node.startIndex + 1, node.endIndex - 1);
    let i = 0;
    let run = 0;
    const base = node.startIndex + 1;
    while (i < body.length) {
      if (body[i] === "\\" && i + 1 < body.length && '\\"$`'.includes(body[i + 1]!)) {
        b.verbatim(body.slice(run, i), base + run);
        b.opaque(body[i + 1]!, base + i, base + i + 2);
        i += 2;
        run = i;
      } else i++;
    }
    b.verbatim(body.slice(run), base + run);
    return child(parent, b, doubleQuoteEscaper, alias);
  }
  if (node.type === "word") return scriptInRange(parent, node.startIndex, node.endIndex, alias);
  return undefined;
}

/** The script in `start..end` of a bare word (`alias ll=ls` after its `=`). */
export function scriptInRange(parent: Snippet, start: number, end: number, alias?: string): Snippet | undefined {
  return child(parent, new OffsetMapBuilder().verbatim(parent.text.slice(start, end), start), bareWordEscaper, alias);
}

/** The body of a heredoc that a shell reads as its script (`bash <<EOF`). */
export function scriptInHeredoc(parent: Snippet, heredoc: ShellNode): Snippet | undefined {
  return child(parent, new OffsetMapBuilder().verbatim(parent.text.slice(heredoc.startIndex, heredoc.endIndex), heredoc.startIndex), noNewlineEscaper, undefined);
}

function child(parent: Snippet, b: OffsetMapBuilder, escape: Escaper, alias: string | undefined): Snippet | undefined {
  const { text, map } = b.build();
  if (text.trim() === "") return undefined;
  // childSnippet carries the parent's placeholders, opaque runs and excluded regions over.
  return childSnippet(parent, {
    text,
    language: "shell",
    map,
    origin: parent.origin,
    escape,
    cwd: null,
    ...(alias !== undefined || parent.alias !== undefined ? { alias: alias ?? parent.alias! } : {}),
    ...(parent.buildTime ? { buildTime: true } : {}),
  });
}

const singleQuoteEscaper: Escaper = (t) => (t.includes("\n") ? null : t.replace(/'/g, `'\\''`));
const doubleQuoteEscaper: Escaper = (t) => (t.includes("\n") ? null : t.replace(/[\\"$`]/g, (c) => `\\${c}`));
const bareWordEscaper: Escaper = (t) => (/^[A-Za-z0-9_./=:,+@%-]*$/.test(t) ? t : null);
