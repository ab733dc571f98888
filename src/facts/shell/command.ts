import type { Range } from "../../text/range.js";
import type { Origin } from "../../embed/snippet.js";

/** One word of a command as the shell would see it. */
export interface Word {
  /** The word after quote removal when the shell fixes it statically; null when it expands. */
  readonly value: string | null;
  /** The word as written in the host file. */
  readonly text: string;
  /** Host-file range. */
  readonly range: Range;
  /** A documentation placeholder (`<member>`, `{name}`, `...`, `path/to/x`). */
  readonly placeholder: boolean;
  /** Holds something the host substitutes before the shell runs (a Nix `${...}`, a `${{ }}`). */
  readonly opaque: boolean;
}

/**
 * The directory a command runs in, relative to the lint root ("." is the root). `setBy` is the
 * `cd`/`pushd` that moved there, when a command did.
 */
export type Cwd =
  | { readonly kind: "known"; readonly path: string; readonly setBy?: CwdChange }
  | { readonly kind: "outside" }
  | { readonly kind: "unknown" };

export interface CwdChange {
  /** host range of the `cd DIR` / `pushd DIR` command */
  readonly range: Range;
  readonly verb: "cd" | "pushd";
  /** the directory word as written */
  readonly target: Word;
  /** the `&&`, `;` or newline after it, when the next command follows in the same list */
  readonly joinedBy?: "&&" | ";" | "||" | "newline";
}

/** A command that runs another: `sudo`, `env`, `xargs`, `bash -c`, `nix develop --command`, `uv run`. */
export interface Wrapper {
  readonly name: string;
  readonly kind: "prefix" | "shell-string" | "uv-run" | "uvx";
  /** the wrapper's own words, up to the command it runs */
  readonly words: readonly Word[];
  readonly range: Range;
}

export interface Assignment {
  readonly name: string;
  readonly value: Word | null;
  readonly range: Range;
  readonly exported: boolean;
}

export interface CommandInit {
  name: string | null;
  words: readonly Word[];
  assignments: readonly Assignment[];
  range: Range;
  fullRange: Range;
  wrappers: readonly Wrapper[];
  cwd: Cwd;
  origin: Origin;
  file: string;
  inDocs: boolean;
  buildTime: boolean;
  alias?: string;
  inner?: Command;
}

/**
 * A simple command, as a rule sees it: the command word's base name, its words with static values
 * where the shell fixes them, where it runs, and what runs it. Ranges are in the host file.
 */
export class Command {
  /** basename of the command word (`/nix/store/..-pip/bin/pip3` -> `pip3`); null when it expands */
  readonly name: string | null;
  readonly words: readonly Word[];
  readonly assignments: readonly Assignment[];
  /** from the command word to the last word */
  readonly range: Range;
  /** with leading assignments and every wrapper around it */
  readonly fullRange: Range;
  /** outermost first */
  readonly wrappers: readonly Wrapper[];
  readonly cwd: Cwd;
  readonly origin: Origin;
  /** host file, posix, relative to the root */
  readonly file: string;
  readonly inDocs: boolean;
  /** runs at Nix build time (runCommand), not in a developer's shell */
  readonly buildTime: boolean;
  /** set when the command is in the body of `alias NAME='...'` */
  readonly alias?: string;
  /** the command this one runs, when it is a wrapper (`sudo pip` -> the `pip` command) */
  readonly inner?: Command;

  constructor(init: CommandInit) {
    this.name = init.name;
    this.words = init.words;
    this.assignments = init.assignments;
    this.range = init.range;
    this.fullRange = init.fullRange;
    this.wrappers = init.wrappers;
    this.cwd = init.cwd;
    this.origin = init.origin;
    this.file = init.file;
    this.inDocs = init.inDocs;
    this.buildTime = init.buildTime;
    if (init.alias !== undefined) this.alias = init.alias;
    if (init.inner !== undefined) this.inner = init.inner;
  }

  get args(): readonly Word[] {
    return this.words.slice(1);
  }

  /** static value of argument i (0 = first after the command word) */
  arg(i: number): string | null {
    return this.words[i + 1]?.value ?? null;
  }

  /** true when some argument equals one of the names (`--user`), or starts with `name=` */
  hasFlag(...names: string[]): boolean {
    return this.args.some((w) => w.value !== null && names.some((n) => w.value === n || w.value!.startsWith(`${n}=`)));
  }

  /** value following a flag (`--package X` or `--package=X`); undefined when absent */
  flagValue(...names: string[]): Word | undefined {
    const args = this.args;
    for (let i = 0; i < args.length; i++) {
      const v = args[i]!.value;
      if (v === null) continue;
      if (v === "--") return undefined;
      for (const n of names) {
        if (v === n) return args[i + 1];
        if (v.startsWith(`${n}=`)) {
          const w = args[i]!;
          // Narrow to the value only when the host spells the flag plainly; else keep the whole word.
          const plain = w.text.startsWith(`${n}=`);
          return {
            ...w,
            value: v.slice(n.length + 1),
            text: plain ? w.text.slice(n.length + 1) : w.text,
            range: plain ? { start: w.range.start + n.length + 1, end: w.range.end } : w.range,
          };
        }
      }
    }
    return undefined;
  }

  isWrappedBy(kind: Wrapper["kind"], name?: string): boolean {
    return this.wrappers.some((w) => w.kind === kind && (name === undefined || w.name === name));
  }
}
