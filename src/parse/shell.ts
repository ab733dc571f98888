import { createRequire } from "node:module";
import type Parser from "tree-sitter";
import type { ParseProblem } from "./problem.js";

export type ShellNode = Parser.SyntaxNode;

export interface ShellTree {
  readonly root: ShellNode;
  readonly problems: ParseProblem[];
}

let parser: Parser | undefined;

/** The native grammar loads on first use, so a run without shell text never pays for it. */
function shellParser(): Parser {
  if (!parser) {
    const require = createRequire(import.meta.url);
    const TreeSitter = require("tree-sitter") as typeof Parser;
    const Bash = require("tree-sitter-bash") as Parser.Language;
    parser = new TreeSitter();
    parser.setLanguage(Bash);
  }
  return parser;
}

export function parseShell(text: string): ShellTree {
  let source = text;
  let root = parseText(source);
  // tree-sitter-bash 0.25 sometimes lets a simple command run on past the newline that ends it:
  // after two or more assignments (`A=1 B=2` then `pip install x` on the next line becomes one
  // command; tree-sitter/tree-sitter-bash#122, #228, #342) and after a pipeline of two or more
  // stages (#347). Such a newline is a command separator, so re-parse with `;` in its place:
  // same length, so every offset stays put.
  for (let pass = 0; pass < 8; pass++) {
    const cuts = runOnNewlines(root, source);
    if (cuts.length === 0) break;
    const chars = source.split("");
    for (const at of cuts) chars[at] = ";";
    source = chars.join("");
    root = parseText(source);
  }
  return { root, problems: shellProblems(root, text) };
}

function parseText(text: string): ShellNode {
  // The binding reads its input in chunks; a buffer as large as the text avoids its 32 KiB default.
  return shellParser().parse(text, undefined, { bufferSize: Math.max(1024, text.length * 2 + 2) }).rootNode;
}

/**
 * Offsets to turn into `;`: in each simple command whose words go on past a newline that has no
 * `\\` before it, that newline, or the blank before a comment that ends the line.
 */
function runOnNewlines(root: ShellNode, text: string): number[] {
  const cuts: number[] = [];
  for (const command of root.descendantsOfType("command")) {
    if (!text.slice(command.startIndex, command.endIndex).includes("\n")) continue;
    const children = command.children;
    for (let i = 1; i < children.length; i++) {
      const prev = children[i - 1]!;
      if (prev.type.startsWith("heredoc") || children[i]!.type.startsWith("heredoc")) break;
      const newline = bareNewline(text, prev.endIndex, children[i]!.startIndex);
      if (newline === null) continue;
      cuts.push(prev.type === "comment" ? prev.startIndex - 1 : newline);
      break; // whatever follows is read again after the re-parse
    }
  }
  return cuts;
}

/** A newline in text[from, to) that is not a `\\` line continuation (which the grammar also allows before CRLF). */
function bareNewline(text: string, from: number, to: number): number | null {
  for (let i = from; i < to; i++) {
    if (text[i] !== "\n") continue;
    const before = text[i - 1] === "\r" ? i - 2 : i - 1;
    if (text[before] !== "\\") return i;
  }
  return null;
}

function shellProblems(root: ShellNode, text: string): ParseProblem[] {
  if (!root.hasError) return [];
  const problems: ParseProblem[] = [];
  const visit = (node: ShellNode): void => {
    if (node.isMissing) {
      problems.push({ message: `missing \`${node.type}\``, range: { start: node.startIndex, end: node.endIndex } });
      return;
    }
    if (node.type === "ERROR") {
      const token = text.slice(node.startIndex, node.endIndex).split(/\s/, 1)[0] ?? "";
      const quote = token.startsWith("'") || token.startsWith('"');
      problems.push({
        message: quote ? "unterminated quoted string" : token ? `unexpected \`${token.slice(0, 20)}\`` : "syntax error",
        range: { start: node.startIndex, end: Math.min(node.endIndex, node.startIndex + Math.max(1, token.length)) },
      });
      return;
    }
    if (!node.hasError) return;
    for (const child of node.children) visit(child);
  };
  visit(root);
  return problems;
}
