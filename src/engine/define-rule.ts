import type { Command } from "../facts/shell/command.js";
import type { NixFacts } from "../facts/nix/facts.js";
import type { LockfileFacts, PyprojectFacts } from "../facts/python/pyproject.js";
import type { WorkspaceModel } from "../facts/python/workspace.js";
import type { FileKind } from "../discover/kind.js";
import type { Range } from "../text/range.js";
import type { SourceFile } from "../text/source-file.js";
import type { Origin } from "../embed/snippet.js";
import type { TextEdit } from "../text/edit.js";

import type { Severity } from "../config/schema.js";

export type { Severity };
/** What a rule may ever emit, checked by the engine at report time. */
export type FixKind = "none" | "suggestion" | "safe" | "sometimes-safe" | "unsafe";

export interface RuleExample {
  /** the file the example lives in, e.g. "scripts/setup.sh", "flake.nix", "docs/setup.md" */
  readonly file: string;
  readonly bad: string;
  readonly good: string;
  /** where the good version lives, when it is another file (a dependency moved to pyproject.toml) */
  readonly goodFile?: string;
}

export interface RuleDocs {
  /** one line, imperative or descriptive, no trailing period */
  readonly summary: string;
  readonly why: string;
  readonly examples: readonly RuleExample[];
  readonly fixSafety: string;
  /** option name -> what it does */
  readonly options?: Readonly<Record<string, string>>;
}

/** `{{name}}` placeholders of a message, as a union of names. */
type Placeholders<S> = S extends `${string}{{${infer P}}}${infer Rest}` ? P | Placeholders<Rest> : never;
export type MessageData<S> = [Placeholders<S>] extends [never] ? Record<string, never> | undefined : Record<Placeholders<S>, string | number>;

export interface FixInput {
  readonly safety: "safe" | "unsafe";
  readonly description: string;
  /** a null edit means the text cannot be written at that place: the fix is dropped */
  readonly edits: readonly (TextEdit | null)[];
}

export interface SuggestionInput {
  readonly description: string;
  readonly edits: readonly (TextEdit | null)[];
}

/** A place that explains a finding, in the linted file (host offsets) or in another file of the repository. */
export interface RelatedInput {
  readonly message: string;
  readonly range: Range;
  /** the other file: root-relative posix path and its text without a BOM (what `range` counts in) */
  readonly in?: { readonly path: string; readonly text: string };
}

export interface ReportOptions {
  readonly fix?: FixInput | undefined;
  readonly suggest?: readonly SuggestionInput[];
  /** report at most this severity (run-path-exists in Markdown); the lower of this and the configured one wins */
  readonly severity?: "warning";
  readonly related?: readonly RelatedInput[];
}

/** What hooks receive besides the fact: reporting, edit helpers and read-only context. */
export interface RuleContext<M extends Record<string, string>, O> {
  readonly file: SourceFile;
  readonly kind: FileKind;
  readonly origin: Origin;
  /** true inside documentation (Markdown snippets) */
  readonly inDocs: boolean;
  readonly workspace: WorkspaceModel;
  /** what exists in the repository */
  readonly repo: RepoIndex;
  readonly options: O;
  /** the member named by config `defaultMember`, if any */
  readonly defaultMember: string | undefined;
  report<K extends keyof M & string>(range: Range, messageId: K, data: MessageData<M[K]>, options?: ReportOptions): void;
  /** an edit replacing a host range with literal text, escaped for where it lands (null when it cannot be) */
  replace(range: Range, text: string): TextEdit | null;
  insert(at: number, text: string): TextEdit | null;
  remove(range: Range): TextEdit;
  /** host text of a range */
  text(range: Range): string;
  /** the file announces this root-relative path (or a folder holding it) as to be created (`Create: path`) */
  announced(path: string): boolean;
}

export interface FileFact {
  readonly path: string;
  readonly kind: FileKind;
  /** null for a file that is not text (binary, not UTF-8) */
  readonly source: SourceFile | null;
}

/**
 * The facts a rule can subscribe to, by hook name. A fact module below the engine defines the
 * fact's type; a hook here names it, and a provider in engine/providers.ts feeds it.
 */
export interface HookFacts {
  /** every simple command in every shell snippet of the file */
  command: Command;
  /** once per linted file, before its content facts */
  file: FileFact;
  /** once per Nix snippet (a .nix file, a ```nix block): its dev shells and Python references */
  nix: NixFacts;
  /**
   * Once per pyproject.toml, built from the text being linted; and once per ```toml block of a
   * Markdown file (`inDocs: true`), for the rules that need no file tree.
   */
  pyproject: PyprojectFacts;
  /** Once per uv.lock, built from the text being linted. */
  lockfile: LockfileFacts;
}

export type RuleHooks<M extends Record<string, string>, O> = {
  readonly [K in keyof HookFacts]?: (fact: HookFacts[K], ctx: RuleContext<M, O>) => void;
};

/** What the repository holds, for rules that ask whether a path exists. */
export interface RepoIndex {
  /** a file or folder at this posix path relative to the root (tracked, untracked or ignored) */
  exists(path: string): boolean;
  isFile(path: string): boolean;
  isDir(path: string): boolean;
}

export interface RuleDefinition<M extends Record<string, string>, O extends object = Record<string, never>> {
  readonly id: string;
  readonly severity: Severity;
  readonly fix: FixKind;
  /**
   * The rule enforces the uv workspace contract: without a `[tool.uv.workspace]` root (and no
   * `"workspace": "required"` in the config) it does not run, since a repo that is no uv workspace
   * has not chosen that contract. False for rules whose findings hold in any repo.
   */
  readonly needsWorkspace: boolean;
  readonly messages: M;
  readonly docs: RuleDocs;
  /** defaults; a config may override each key */
  readonly options?: O;
  /** options JSON Schema properties, for config validation */
  readonly optionsSchema?: Readonly<Record<string, unknown>>;
  /** rules that the engine itself drives (parse-error, unused-disable-directive) have no hooks */
  readonly on: RuleHooks<M, O>;
}

// eslint-style identity helper: keeps message ids and placeholders typed at the call site.
export function defineRule<const M extends Record<string, string>, O extends object = Record<string, never>>(
  rule: RuleDefinition<M, O>,
): RuleDefinition<M, O> {
  return rule;
}

// The engine handles rules of any message set.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRule = RuleDefinition<Record<string, string>, any>;
