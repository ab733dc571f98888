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
  // The binding reads its input in chunks; a buffer as large as the text avoids its 32 KiB default.
  const tree = shellParser().parse(text, undefined, { bufferSize: Math.max(1024, text.length * 2 + 2) });
  return { root: tree.rootNode, problems: shellProblems(tree.rootNode, text) };
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
