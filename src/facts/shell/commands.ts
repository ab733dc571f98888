import { inRanges, type Snippet } from "../../embed/snippet.js";
import { parseShell, type ShellNode } from "../../parse/shell.js";
import type { ParseProblem } from "../../parse/problem.js";
import type { Range } from "../../text/range.js";
import { cdTarget, joiner } from "./cd-targets.js";
import { Command, type Assignment, type CommandInit, type Cwd, type CwdChange, type Word, type Wrapper } from "./command.js";
import { aliasScript, heredocReader, heredocScript, shellStringScript, type NestedScript } from "./nested-scripts.js";
import { StatementWalk, type State } from "./statement-walk.js";
import { WordReader, baseName } from "./words.js";
import { unwrap } from "./wrappers.js";

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

/** Reads each simple command, declaration and assignment of the walk into the command model, and walks the scripts they run. */
class Walker extends StatementWalk {
  private readonly words: WordReader;

  constructor(
    snippet: Snippet,
    private readonly options: CommandOptions,
    private readonly facts: CommandFacts,
    private readonly outerWrappers: readonly Wrapper[],
    private readonly depth: number,
    expanded: Set<string>,
  ) {
    super(snippet, expanded);
    this.words = new WordReader(snippet);
  }

  run(root: ShellNode, cwd: Cwd): void {
    this.statement(root, { cwd, stack: [] });
  }

  protected redirected(node: ShellNode, state: State): void {
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

  protected declaration(node: ShellNode, state: State): void {
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

  protected assignments(node: ShellNode, assignments: ShellNode[], state: State): void {
    this.nested(node, state);
    this.emitAssignmentOnly(node, assignments.map((c) => this.assignment(c, false)), state);
  }

  private emitAssignmentOnly(node: ShellNode, assignments: Assignment[], state: State): void {
    if (this.excluded(node)) return;
    const range = this.host(node);
    const cmd = this.newCommand({ name: null, words: [], assignments, range, fullRange: range, wrappers: this.outerWrappers, cwd: state.cwd });
    this.facts.commands.push(cmd);
    this.facts.snippetOf.set(cmd, this.snippet);
  }

  protected command(node: ShellNode, state: State): Command | undefined {
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
    words.forEach((w, i) => this.wordNodes.set(w, wordNodes[i]!));
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
    const cmd = this.newCommand({ name: baseName(first), words: c.words, assignments: c.assignments, range, fullRange: c.fullRange, wrappers: c.wrappers, cwd, inner });
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

  /**
   * The snippet's part of a command, field by field: built with object spreads, the init object
   * cost 3.5 KB of garbage per command in V8, an eighth of a docs-heavy run's allocations.
   */
  private newCommand(c: Pick<CommandInit, "name" | "words" | "assignments" | "range" | "fullRange" | "wrappers" | "cwd" | "inner">): Command {
    const s = this.snippet;
    const init: CommandInit = { name: c.name, words: c.words, assignments: c.assignments, range: c.range, fullRange: c.fullRange, wrappers: c.wrappers, cwd: c.cwd, origin: s.origin, file: s.host.path, inDocs: s.inDocs, buildTime: s.buildTime === true };
    if (s.alias !== undefined) init.alias = s.alias;
    if (c.inner !== undefined) init.inner = c.inner;
    return new Command(init);
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

  /** Words carry host ranges; the walker remembers which node each came from (wrappers pass the words on as they are). */
  private nodeAt(word: Word): ShellNode | undefined {
    return this.wordNodes.get(word);
  }

  private readonly wordNodes = new Map<Word, ShellNode>();
}

function envAssignment(word: Word): Assignment {
  const v = word.value ?? "";
  const eq = v.indexOf("=");
  return { name: v.slice(0, eq), value: { ...word, value: v.slice(eq + 1) }, range: word.range, exported: true };
}
