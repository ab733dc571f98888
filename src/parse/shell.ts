import { createRequire } from "node:module";
import path from "node:path";
import type Parser from "tree-sitter";
import { budgetCheck, parseBudgetMs } from "./shell-budget.js";
import type { ParseProblem } from "./problem.js";

/**
 * A node of a shell parse tree, copied out of tree-sitter in one cursor walk. The binding's own
 * nodes cross into native code for every property (`type`, `startIndex`, `namedChildren`...), and
 * the command walk reads each node many times: a plain copy made that walk three times cheaper.
 * Only what the walk reads is kept; `parse-shell-copy.test.ts` checks it against the binding's nodes.
 */
export class ShellNode {
  readonly children: ShellNode[] = [];
  readonly namedChildren: ShellNode[] = [];

  constructor(
    /** unique within the run */
    readonly id: number,
    readonly type: string,
    readonly startIndex: number,
    readonly endIndex: number,
    readonly isNamed: boolean,
    readonly isMissing: boolean,
    readonly hasError: boolean,
    readonly parent: ShellNode | null,
    /** the field this node fills in its parent (`name`, `body`, `condition`...) */
    readonly fieldName: string | null,
    /** the text that was parsed (with the `;` of a run-on newline repair, as the binding's `text` has it) */
    private readonly parsed: string,
  ) {}

  get text(): string {
    return this.parsed.slice(this.startIndex, this.endIndex);
  }

  get namedChildCount(): number {
    return this.namedChildren.length;
  }

  child(index: number): ShellNode | null {
    return this.children[index] ?? null;
  }

  childForFieldName(name: string): ShellNode | null {
    return this.children.find((c) => c.fieldName === name) ?? null;
  }

  childrenForFieldName(name: string): ShellNode[] {
    return this.children.filter((c) => c.fieldName === name);
  }

  /** This node and every node below it of that type, in document order. */
  descendantsOfType(type: string): ShellNode[] {
    const found: ShellNode[] = [];
    const stack: ShellNode[] = [this];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (node.type === type) found.push(node);
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
    }
    return found;
  }
}

export interface ShellTree {
  readonly root: ShellNode;
  readonly problems: readonly ParseProblem[];
}

let parser: Parser | undefined;

/** The native grammar loads on first use, so a run without shell text never pays for it. */
function shellParser(): Parser {
  if (!parser) {
    const require = createRequire(import.meta.url);
    const TreeSitter = require("tree-sitter") as typeof Parser;
    // The grammar's binding as its own index.js finds it, without the rest of that file: it also
    // parses node-types.json, from which setLanguage then builds a class per node type (3 ms of a
    // commit hook); copyTree reads the cursor only.
    const grammar = require.resolve("tree-sitter-bash/package.json");
    const binding = createRequire(grammar)("node-gyp-build") as (dir: string) => Parser.Language;
    const Bash = binding(path.dirname(grammar));
    parser = new TreeSitter();
    parser.setLanguage(Bash);
  }
  return parser;
}

/**
 * Trees by text, for the run: docs repeat the same commands (`uv sync`, `nix develop`) in every
 * section, and a tree depends on nothing but its text. Trees are never changed after the copy,
 * so a snippet may share one. Bounded, so a long-lived language server does not grow with it.
 */
const memo = new Map<string, ShellTree>();
const MEMO_ENTRIES = 4096;
const MEMO_TEXT = 16 * 1024;

export function parseShell(text: string): ShellTree {
  if (text.length > MEMO_TEXT) return parseFresh(text);
  let tree = memo.get(text);
  if (tree === undefined) {
    if (memo.size >= MEMO_ENTRIES) memo.clear();
    tree = parseFresh(text);
    memo.set(text, tree);
  }
  return tree;
}

function parseFresh(text: string): ShellTree {
  const budget = parseBudgetMs(text.length);
  const tooComplex = (): ShellTree => ({
    root: parseText("", Infinity)!,
    problems: [{ message: `Shell script too complex to analyse within ${budget} ms of CPU time; it was not checked`, range: { start: 0, end: 0 }, notAnalysed: true }],
  });
  let source = text;
  let root = parseText(source, budget);
  if (!root) return tooComplex();
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
    root = parseText(source, budget);
    if (!root) return tooComplex();
  }
  return { root, problems: Object.freeze(shellProblems(root, text)) };
}

/**
 * The tree, or null when the parse used more than `budget` ms of CPU. CPU time, not the clock: on a
 * machine busy with other work an ordinary script must still be analysed, and its result must
 * not depend on the load (process CPU also counts other worker threads, which the 10x margin of
 * the allowance covers).
 */
function parseText(text: string, budget: number): ShellNode | null {
  const p = shellParser();
  const overBudget = budgetCheck(budget);
  // The binding reads its input in chunks; a buffer as large as the text avoids its 32 KiB default.
  const tree = p.parse(text, undefined, {
    bufferSize: Math.max(1024, text.length * 2 + 2),
    progressCallback: overBudget,
  }) as Parser.Tree | null;
  if (tree) return copyTree(tree, text);
  // A halted parse resumes on the next call unless the parser is reset.
  p.reset();
  return null;
}

let nextId = 0;

/**
 * Names by numeric id, learnt on first sight: the binding makes a new JS string for every
 * `nodeType` and `currentFieldName` read, where `nodeTypeId` and `currentFieldId` are plain numbers.
 * A type id stands for one name and one namedness (an alias has an id of its own), a field id for
 * one field name; id 0 is "no field".
 */
const typeNames: (string | undefined)[] = [];
const typeNamed: boolean[] = [];
const fieldNames: (string | null | undefined)[] = [null];

/**
 * The tree as plain objects. Whether a node is missing or holds an error is asked of the binding
 * only in a tree that has an error somewhere (a hidden MISSING token still marks its ancestors).
 */
function copyTree(tree: Parser.Tree, text: string): ShellNode {
  const errors = tree.rootNode.hasError;
  const cursor = tree.walk();
  const copy = (parent: ShellNode | null): ShellNode => {
    const typeId = cursor.nodeTypeId;
    let type = typeNames[typeId];
    if (type === undefined) {
      type = typeNames[typeId] = cursor.nodeType;
      typeNamed[typeId] = cursor.nodeIsNamed;
    }
    let fieldName: string | null = null;
    if (parent !== null) {
      const fieldId = cursor.currentFieldId;
      let name = fieldNames[fieldId];
      if (name === undefined) name = fieldNames[fieldId] = cursor.currentFieldName ?? null;
      fieldName = name;
    }
    return new ShellNode(
      nextId++,
      type,
      cursor.startIndex,
      cursor.endIndex,
      typeNamed[typeId]!,
      errors && cursor.nodeIsMissing,
      errors && cursor.currentNode.hasError,
      parent,
      fieldName,
      text,
    );
  };
  const root = copy(null);
  if (!cursor.gotoFirstChild()) return root;
  let parent: ShellNode | null = root;
  while (parent !== null) {
    const node = copy(parent);
    parent.children.push(node);
    if (node.isNamed) parent.namedChildren.push(node);
    if (cursor.gotoFirstChild()) {
      parent = node;
      continue;
    }
    while (!cursor.gotoNextSibling()) {
      if (!cursor.gotoParent()) return root;
      // the cursor is back on `parent`: its next sibling hangs from its own parent
      parent = parent.parent;
      if (parent === null) return root;
    }
  }
  return root;
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
