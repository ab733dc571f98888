import type { Snippet } from "../../embed/snippet.js";
import type { ShellNode } from "../../parse/shell.js";
import type { Range } from "../../text/range.js";
import type { Cwd } from "./command.js";

/** The directory a statement runs in, and `pushd`'s stack; a child shell works on a copy. */
export interface State {
  cwd: Cwd;
  stack: Cwd[];
}

export const copy = (s: State): State => ({ cwd: s.cwd, stack: [...s.stack] });

/**
 * The control flow of a shell script: what runs in a child shell (subshells, pipelines, `$(...)`,
 * background jobs, function bodies), what are alternatives (`if`, `case`, `||`), and in which
 * order. The statements that are commands, declarations and assignments go to the subclass
 * (commands.ts), which reads them into the command model.
 */
export abstract class StatementWalk {
  constructor(
    protected readonly snippet: Snippet,
    /** host ranges of `$(...)` already walked: the outer shell expands them before `bash -c "..."` sees the text */
    protected readonly expanded: Set<string>,
  ) {}

  protected abstract command(node: ShellNode, state: State): unknown;
  protected abstract redirected(node: ShellNode, state: State): void;
  protected abstract declaration(node: ShellNode, state: State): void;
  /** `A=1` or `A=1 B=2` with no command: `assignments` are the `variable_assignment` nodes */
  protected abstract assignments(node: ShellNode, assignments: ShellNode[], state: State): void;

  protected statement(node: ShellNode, state: State): void {
    switch (node.type) {
      case "comment":
      case "heredoc_body":
        return;
      case "command_substitution":
      case "process_substitution": {
        const key = rangeKey(this.host(node));
        if (this.expanded.has(key)) return;
        this.expanded.add(key);
        const inner = copy(state); // a child shell, like a subshell
        for (const child of node.namedChildren) this.statement(child, inner);
        return;
      }
      case "subshell": {
        // A child shell: its statements share one directory, which does not leak out.
        const inner = copy(state);
        for (const child of node.namedChildren) this.statement(child, inner);
        return;
      }
      case "pipeline":
        // Each element runs in a child shell of its own.
        for (const child of node.namedChildren) this.statement(child, copy(state));
        return;
      case "list":
        this.list(node, state);
        return;
      case "if_statement":
      case "case_statement":
        this.branches(node, state);
        return;
      case "function_definition": {
        const body = node.childForFieldName("body");
        if (body) this.statement(body, copy(state));
        return;
      }
      case "redirected_statement":
        this.redirected(node, state);
        return;
      case "command":
        this.command(node, state);
        return;
      case "declaration_command":
        this.declaration(node, state);
        return;
      case "variable_assignment":
        this.assignments(node, [node], state);
        return;
      case "variable_assignments":
        this.assignments(node, node.namedChildren.filter((c) => c.type === "variable_assignment"), state);
        return;
      default:
        // `cd a &` runs in the background, in a child shell.
        for (const child of node.namedChildren) this.statement(child, this.background(child) ? copy(state) : state);
    }
  }

  /** Followed by a lone `&` (read from the text: a sibling lookup per statement costs more). */
  private background(node: ShellNode): boolean {
    const text = this.snippet.text;
    let i = node.endIndex;
    while (text[i] === " " || text[i] === "\t") i++;
    return text[i] === "&" && text[i + 1] !== "&" && text[i + 1] !== ">";
  }

  /**
   * `if`/`elif`/`else` bodies and `case` items are alternatives: each starts where the condition
   * left off, and after the statement the directory is that of the first branch that moved it
   * (`if [ -d a ]; then cd a; fi` usually does).
   */
  private branches(node: ShellNode, state: State): void {
    const head = new Set(node.type === "if_statement" ? node.childrenForFieldName("condition").map((c) => c.id) : []);
    const value = node.childForFieldName("value");
    if (value) head.add(value.id);
    const alternatives: ShellNode[][] = [[]];
    for (const child of node.namedChildren) {
      if (head.has(child.id)) this.statement(child, state);
      else if (["elif_clause", "else_clause", "case_item"].includes(child.type)) alternatives.push(child.namedChildren);
      else alternatives[0]!.push(child);
    }
    let moved: State | undefined;
    for (const nodes of alternatives) {
      const branch = copy(state);
      for (const child of nodes) this.statement(child, branch);
      if (!moved && branch.cwd !== state.cwd) moved = branch;
    }
    if (moved) {
      state.cwd = moved.cwd;
      state.stack = moved.stack;
    }
  }

  /**
   * `a || b`: b runs only when a failed, so a `cd` in a has not happened for b (`cd x || exit 1`).
   * After the list the directory is a's, or b's when a moves nowhere (`[ -d x ] || cd y`).
   */
  private list(node: ShellNode, state: State): void {
    const children = node.children;
    const op = children.findIndex((c) => c.type === "||");
    if (op === -1) {
      for (const child of node.namedChildren) this.statement(child, state);
      return;
    }
    const before = copy(state);
    for (const child of children.slice(0, op)) if (child.isNamed) this.statement(child, state);
    const otherwise = copy(before);
    for (const child of children.slice(op + 1)) if (child.isNamed) this.statement(child, otherwise);
    if (state.cwd === before.cwd) {
      state.cwd = otherwise.cwd;
      state.stack = otherwise.stack;
    }
  }

  /** Command substitutions inside words run before the command itself. */
  protected nested(node: ShellNode, state: State): void {
    for (const child of node.namedChildren) {
      if (child.type === "command_substitution" || child.type === "process_substitution") this.statement(child, copy(state));
      else if (child.namedChildCount > 0) this.nested(child, state);
    }
  }

  protected host(node: ShellNode): Range {
    return this.snippet.map.toHostRange({ start: node.startIndex, end: node.endIndex });
  }
}

export const rangeKey = (r: Range): string => `${r.start}:${r.end}`;
