import type { FileKind } from "../discover/kind.js";
import type { Snippet } from "../embed/snippet.js";
import type { NixTree } from "../parse/nix.js";
import type { SourceFile } from "../text/source-file.js";
import type { FileSource } from "../discover/file-source.js";
import type { HookFacts, RepoIndex } from "./define-rule.js";
import type { WorkspaceModel } from "../facts/python/workspace.js";

/**
 * What a provider gets for one file. Fact modules sit below the engine and do not import this:
 * each declares the part it reads, and `providers` below checks that this input has it.
 */
export interface ProviderInput {
  readonly source: SourceFile;
  readonly kind: FileKind;
  readonly rootAbs: string;
  /** every other file is read here (the index under `--staged`), never from the disk directly */
  readonly fileSource: FileSource;
  /** the run's file list (posix, relative to the root) */
  readonly fileList: readonly string[];
  readonly workspace: WorkspaceModel;
  readonly repo: RepoIndex;
  /** the file's Nix (the whole file, or ```nix blocks of a Markdown file), parsed */
  readonly nix: readonly { snippet: Snippet; tree: NixTree }[];
  /** ```toml blocks of a Markdown file */
  readonly toml: readonly Snippet[];
}

/** One fact for one hook; `snippet` places it (origin, doc, escaping) when it comes from one. */
export interface ProvidedFact<K extends keyof HookFacts = keyof HookFacts> {
  readonly hook: K;
  readonly fact: HookFacts[K];
  readonly snippet?: Snippet;
}

export interface FactProvider {
  /** a name for messages and tests */
  readonly name: string;
  /** host file kinds it reads; the engine skips the import for other files */
  readonly kinds: readonly FileKind[];
  /** the hooks it feeds; the engine skips the import when no enabled rule listens */
  readonly hooks: readonly (keyof HookFacts)[];
  /** loaded on first use, so a run without such files never pays for it */
  readonly load: () => Promise<{ provide(input: ProviderInput): ProvidedFact[] | Promise<ProvidedFact[]> }>;
}

/** Fact providers beyond commands and files. Each fact module adds one entry here and its hooks to HookFacts. */
export const providers: readonly FactProvider[] = [
  { name: "nix", kinds: ["nix", "markdown"], hooks: ["nix"], load: () => import("../facts/nix/provider.js") },
  { name: "pyproject", kinds: ["pyproject", "uv-lock", "markdown"], hooks: ["pyproject", "lockfile"], load: () => import("../facts/python/provider.js") },
];
