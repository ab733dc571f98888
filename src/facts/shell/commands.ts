import { inRanges, type Snippet } from "../../embed/snippet.js";
import { parseShell, type ShellNode } from "../../parse/shell.js";
import type { ParseProblem } from "../../parse/problem.js";
import type { Range } from "../../text/range.js";
import { cdTarget, joiner } from "./cd-targets.js";
import { Command, type Assignment, type Cwd, type CwdChange, type Word, type Wrapper } from "./command.js";
import { aliasScript, heredocReader, heredocScript, shellStringScript, type NestedScript } from "./nested-scripts.js";
import { WordReader, baseName } from "./words.js";
import { unwrap } from "./wrappers.js";

// One module over 300 lines: every statement kind reads and moves one Walker's directory state,
// nesting depth and walked substitutions (cd-targets.ts and nested-scripts.ts hold the rest).

export interface CommandFacts {
  readonly commands: Command[];
  /** syntax errors of the snippet itself (nested `bash -c` strings report none) */
  readonly problems: ParseProblem[];
  /** every shell snippet read, the given one first */
  readonly snippets: Snippet[];
  /** the snippet each command was read from (a `bash -c` string, an alias body, ...) */
  readonly snippetOf: Map<Command, Snippet>;
}

export interface CommandOptions {
  /** absolute path of the lint root, to place absolute `cd` targets */
  readonly rootAbs: string;
}

const MAX_DEPTH = 4;

/** Every command a shell would run in this snippet, with the directory it runs in. */
export function extractCommands(snippet: Snippet, options: CommandOptions): CommandFacts {
  const tree = parseShell(snippet.text);
  const facts: CommandFacts = { commands: [], problems: [], snippets: [snippet], snippetOf: new Map() };
  for (const p of tree.problems) facts.problems.push({ ...p, range: snippet.map.toHostRange(p.range) });
  const start: Cwd = snippet.cwd === null ? { kind: "unknown" } : { kind: "known", path: snippet.cwd };
  new Walker(snippet, options, facts, [], 0, new Set()).run(tree.root, start);
  facts.commands.sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
  return facts;
}

interface State {
  cwd: Cwd;
  stack: Cwd[];
}

const copy = (s: State): State => ({ cwd: s.cwd, stack: [...s.stack] });

class Walker {
  private readonly words: WordReader;

  constructor(
    private readonly snippet: Snippet,
    private readonly options: CommandOptions,
    private readonly facts: CommandFacts,
    private readonly outerWrappers: readonly Wrapper[],
    private readonly depth: number,
    /** host ranges of `$(...)` already walked: the outer shell expands them before `bash -c "..."` sees the text */
    private readonly expanded: Set<string>,
  ) {
    this.words = new WordReader(snippet);
  }

  run(root: ShellNode, cwd: Cwd): void {
    this.statement(root, { cwd, stack: [] });
  }

  private statement(node: ShellNode, state: State): void {
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
        this.nested(node, state);
        this.emitAssignmentOnly(node, [this.assignment(node, false)], state);
        return;
      case "variable_assignments":
        this.nested(node, state);
        this.emitAssignmentOnly(node, node.namedChildren.filter((c) => c.type === "variable_assignment").map((c) => this.assignment(c, false)), state);
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
  private nested(node: ShellNode, state: State): void {
    for (const child of node.namedChildren) {
      if (child.type === "command_substitution" || child.type === "process_substitution") this.statement(child, copy(state));
      else if (child.namedChildCount > 0) this.nested(child, state);
    }
  }

  private redirected(node: ShellNode, state: State): void {
    const body = node.childForFieldName("body");
    let cmd: Command | undefined;
    if (body?.type === "command") cmd = this.command(body, state);
    else if (body) this.statement(body, state);
    const shell = heredocReader(cmd);
    for (const redirect of node.namedChildren) {
      if (redirect === body) continue;
      this.nested(redirect, state);
      if (redirect.type !== "heredoc_redirect" || !shell || this.depth >= MAX_DEPTH) continue;
      this.walkScript(heredocScript(this.snippet, shell, redirect), { ...state, cwd: shell.cwd });
    }
  }

  private declaration(node: ShellNode, state: State): void {
    this.nested(node, state);
    const keyword = node.child(0)?.type ?? "declare";
    // `declare -x` / `typeset -x` export too.
    const exported = keyword === "export" || node.namedChildren.some((c) => c.type === "word" && /^-[a-zA-Z]*x/.test(c.text));
    const assignments: Assignment[] = [];
    const words: Word[] = [this.words.wordFor(node.child(0), node.startIndex, node.child(0)?.endIndex ?? node.startIndex, keyword)];
    for (const child of node.namedChildren) {
      words.push(this.words.word(child));
      if (child.type === "variable_assignment") assignments.push(this.assignment(child, exported));
      else if (child.type === "variable_name" && exported) {
        assignments.push({ name: child.text, value: null, range: this.host(child), exported: true });
      }
    }
    this.emit({ words, assignments, wrappers: this.outerWrappers, fullRange: this.host(node) }, state);
  }

  private assignment(node: ShellNode, exported: boolean): Assignment {
    const name = node.childForFieldName("name");
    const value = node.childForFieldName("value");
    return {
      name: name ? this.snippet.text.slice(name.startIndex, name.endIndex) : "",
      value: value ? this.words.word(value) : null,
      range: this.host(node),
      exported,
    };
  }

  private emitAssignmentOnly(node: ShellNode, assignments: Assignment[], state: State): void {
    if (this.excluded(node)) return;
    const range = this.host(node);
    const cmd = new Command({
      ...this.common(),
      name: null,
      words: [],
      assignments,
      range,
      fullRange: range,
      wrappers: this.outerWrappers,
      cwd: state.cwd,
    });
    this.facts.commands.push(cmd);
    this.facts.snippetOf.set(cmd, this.snippet);
  }

  private command(node: ShellNode, state: State): Command | undefined {
    this.nested(node, state);
    const assignments: Assignment[] = [];
    const words: Word[] = [];
    const wordNodes: ShellNode[] = [];
    for (const child of node.namedChildren) {
      if (child.type === "variable_assignment") assignments.push(this.assignment(child, false));
      else if (child.type === "command_name") {
        const inner = child.namedChildren[0] ?? child;
        words.push(this.words.word(inner));
        wordNodes.push(inner);
      } else if (child.type.endsWith("redirect")) continue;
      else {
        words.push(this.words.word(child));
        wordNodes.push(child);
      }
    }
    if (words.length === 0) {
      if (assignments.length > 0) this.emitAssignmentOnly(node, assignments, state);
      return undefined;
    }
    words.forEach((w, i) => this.wordNodes.set(rangeKey(w.range), wordNodes[i]!));
    const cmd = this.emit({ words, assignments, wrappers: this.outerWrappers, fullRange: this.host(node) }, state);
    if (cmd) this.builtins(cmd, wordNodes, node, state);
    return cmd;
  }

  /**
   * Emit a command and, when it wraps another, the wrapped one too (`sudo pip install` gives
   * `sudo ...` and `pip install`; rules match on names, so neither is reported twice).
   */
  private emit(
    c: { words: Word[]; assignments: Assignment[]; wrappers: readonly Wrapper[]; fullRange: Range; cwd?: Cwd },
    state: State,
  ): Command | undefined {
    const first = c.words[0];
    const last = c.words[c.words.length - 1] ?? first;
    const range = first && last ? { start: first.range.start, end: last.range.end } : c.fullRange;
    if (this.excludedHost(range)) return undefined;
    const cwd = c.cwd ?? state.cwd;
    let inner: Command | undefined;
    const how = unwrap(c.words);
    if (how && how.kind !== "shell-string") {
      const wrapper: Wrapper = {
        name: how.name,
        kind: how.kind,
        words: c.words.slice(0, how.consumed),
        range: { start: c.fullRange.start, end: c.words[how.consumed - 1]!.range.end },
      };
      const extra = how.kind === "prefix" ? how.assignments.map((i) => envAssignment(c.words[i]!)) : [];
      const innerCwd = how.chdir ? this.resolve(cwd, how.chdir) : cwd;
      inner = this.emit(
        {
          words: c.words.slice(how.consumed),
          assignments: [...c.assignments, ...extra],
          wrappers: [...c.wrappers, wrapper],
          fullRange: c.fullRange,
          cwd: innerCwd,
        },
        state,
      );
    } else if (how && how.kind === "shell-string" && this.depth < MAX_DEPTH) {
      const wrapper: Wrapper = { name: how.name, kind: "shell-string", words: c.words.slice(0, how.consumed), range };
      const node = this.nodeAt(how.script);
      if (node) this.walkScript(shellStringScript(this.snippet, node, c.wrappers, wrapper), { ...state, cwd });
    }
    const cmd = new Command({
      ...this.common(),
      name: baseName(first),
      words: c.words,
      assignments: c.assignments,
      range,
      fullRange: c.fullRange,
      wrappers: c.wrappers,
      cwd,
      ...(inner ? { inner } : {}),
    });
    this.facts.commands.push(cmd);
    this.facts.snippetOf.set(cmd, this.snippet);
    return cmd;
  }

  /** cd, pushd, popd move the state; alias bodies are commands too. */
  private builtins(cmd: Command, nodes: ShellNode[], node: ShellNode, state: State): void {
    if (cmd.wrappers.length > this.outerWrappers.length) return;
    switch (cmd.name) {
      case "cd":
      case "pushd": {
        const target = cmd.args.find((w) => w.value === null || !w.value.startsWith("-") || w.value === "-");
        if (cmd.name === "pushd") state.stack.push(state.cwd);
        const next = target ? this.resolve(state.cwd, target) : cmd.name === "cd" ? ({ kind: "outside" } as Cwd) : state.cwd;
        let statement = node;
        while (statement.parent?.type === "redirected_statement") statement = statement.parent;
        const change: CwdChange = { range: cmd.range, verb: cmd.name, target: target ?? cmd.words[0]!, ...joiner(this.snippet.text, statement.endIndex) };
        state.cwd = next.kind === "known" ? { ...next, setBy: change } : next;
        return;
      }
      case "popd":
        state.cwd = state.stack.pop() ?? { kind: "unknown" };
        return;
      case "alias":
        if (this.depth >= MAX_DEPTH) return;
        for (const arg of nodes.slice(1)) this.walkScript({ snippet: aliasScript(this.snippet, arg), wrappers: this.outerWrappers }, state);
        return;
    }
  }

  /** A nested script: its commands run where this one is. */
  private walkScript(script: NestedScript | undefined, state: State): void {
    const child = script?.snippet;
    if (!child) return;
    this.facts.snippets.push(child);
    new Walker(child, this.options, this.facts, script.wrappers, this.depth + 1, this.expanded).run(parseShell(child.text).root, state.cwd);
  }

  private resolve(from: Cwd, target: Word): Cwd {
    return cdTarget(this.options.rootAbs, from, target);
  }

  private common() {
    return {
      origin: this.snippet.origin,
      file: this.snippet.host.path,
      inDocs: this.snippet.inDocs,
      buildTime: this.snippet.buildTime === true,
      ...(this.snippet.alias !== undefined ? { alias: this.snippet.alias } : {}),
    };
  }

  private host(node: ShellNode): Range {
    return this.snippet.map.toHostRange({ start: node.startIndex, end: node.endIndex });
  }

  private excluded(node: ShellNode): boolean {
    return inRanges(this.snippet.excluded, { start: node.startIndex, end: node.endIndex });
  }

  private excludedHost(hostRange: Range): boolean {
    if (this.snippet.excluded.length === 0) return false;
    return this.snippet.excluded.some((r) => {
      const h = this.snippet.map.toHostRange(r);
      return h.start <= hostRange.start && hostRange.end <= h.end;
    });
  }

  /** Words carry host ranges; the walker remembers which node each came from. */
  private nodeAt(word: Word): ShellNode | undefined {
    return this.wordNodes.get(rangeKey(word.range));
  }

  private readonly wordNodes = new Map<string, ShellNode>();
}

const rangeKey = (r: Range): string => `${r.start}:${r.end}`;

function envAssignment(word: Word): Assignment {
  const v = word.value ?? "";
  const eq = v.indexOf("=");
  return { name: v.slice(0, eq), value: { ...word, value: v.slice(eq + 1) }, range: word.range, exported: true };
}
