import { tableAt, tomlValues, valueAt, type TomlDocument, type TomlPath } from "../../parse/toml.js";
import type { Range } from "../../text/range.js";
import { normalizeName } from "./pep503.js";
import type { Requirement } from "./pep508.js";
import type { UvLock } from "./uv-lock.js";
import type { Dependency, Source } from "./dependencies.js";
import type { MemberGlob } from "./workspace.js";

export interface Project {
  readonly name: string;
  readonly normalizedName: string;
  readonly version: string | undefined;
  /** the `name` value */
  readonly nameRange: Range | undefined;
  /** the `[project]` header (or inline table) */
  readonly tableRange: Range | undefined;
  readonly dependencies: readonly Dependency[];
}

/** Another package of the workspace, as far as the text at hand can know it. */
export interface WorkspacePackage {
  readonly name: string;
  readonly normalizedName: string;
  readonly version: string | undefined;
  /** its folder; undefined for a project a document declares */
  readonly dir: string | undefined;
}

/** `[tool.uv.workspace]` of a root pyproject, its globs matched on disk. */
export interface WorkspaceTable {
  /** the table header (or the root of the file when the table is implicit) */
  readonly range: Range;
  readonly globs: readonly MemberGlob[];
  readonly excludes: readonly string[];
}

export interface SourceInsertion {
  readonly at: number;
  /** with `\n` line breaks; the engine writes the file's own */
  readonly text: string;
}

export interface PyprojectFacts {
  /** the file the text is in, posix relative to the root */
  readonly path: string;
  /** a ```toml block of documentation */
  readonly inDocs: boolean;
  /** the folder of the pyproject ("." for the root); undefined for a documentation block */
  readonly dir: string | undefined;
  /** the workspace root's pyproject.toml */
  readonly isRoot: boolean;
  /** the linted text's TOML, ranges in the host file */
  readonly toml: TomlDocument;
  readonly project: Project | undefined;
  /**
   * The text is a workspace member: for a file, the model lists its folder as one (the root, when it
   * has a `[project]`); in docs, its project belongs to the workspace or the document shows the
   * workspace root (`[tool.uv.workspace]`) beside it.
   */
  readonly isMember: boolean;
  /** this text's own `[tool.uv.sources]` */
  readonly sources: readonly Source[];
  /** the root's `[tool.uv.sources]`, which apply here unless overridden (none for the root itself) */
  readonly rootSources: readonly Source[];
  /** another workspace package by any spelling of its name; never this text's own project */
  memberNamed(name: string): WorkspacePackage | undefined;
  /** the member in a folder (posix, relative to the root) */
  memberAtDir(dir: string): WorkspacePackage | undefined;
  /** root only: its `[tool.uv.workspace]` */
  readonly workspaceTable: WorkspaceTable | undefined;
  /** the other pyproject.toml files below the root (listed on first call); for the root, or for any file when the root has none */
  nestedPyprojects(): readonly string[];
  /** where and what to insert for `name = { workspace = true }`; undefined when that cannot be done safely */
  sourceInsertion(name: string): SourceInsertion | undefined;
}

export interface LockfileFacts {
  readonly path: string;
  /** the uv.lock at the workspace root */
  readonly isRoot: boolean;
  /** ranges in the linted text */
  readonly lock: UvLock;
}

/** The sources that decide where a dependency comes from: the text's own, else the root's (uv's rule). */
export function effectiveSources(fact: PyprojectFacts, name: string): readonly Source[] {
  const wanted = normalizeName(name);
  const own = fact.sources.filter((s) => s.normalizedName === wanted);
  return own.length > 0 ? own : fact.rootSources.filter((s) => s.normalizedName === wanted);
}

/** Sources that take a dependency off the registry, so uv locks it without a version specifier. */
export function isDirect(sources: readonly Source[]): boolean {
  return sources.some((s) => s.kind === "workspace" || s.kind === "path" || s.kind === "git" || s.kind === "url");
}

const SOURCES: TomlPath = ["tool", "uv", "sources"];

/**
 * How to add `name = { workspace = true }` to a pyproject text: into its `[tool.uv.sources]` table
 * (after the last entry) or inline table, else as a new table at the end. Only offered when the
 * result parses and holds exactly that source: sources spread over dotted keys or sub-tables
 * (`[tool.uv.sources.x]`) are left to a person.
 */
export function sourceInsertion(text: string, toml: TomlDocument, name: string): SourceInsertion | undefined {
  const entry = `${sourceKey(name)} = { workspace = true }`;
  const table = toml.tableRange(SOURCES);
  const at = toml.tableInsertionPoint(SOURCES);
  let edit: SourceInsertion;
  if (table && at !== undefined) {
    if (text[table.start] === "{") {
      const empty = text.slice(table.start + 1, table.end - 1).trim() === "";
      edit = { at, text: empty ? ` ${entry}` : `, ${entry}` };
    } else {
      edit = at === text.length && !text.endsWith("\n") ? { at, text: `\n${entry}` } : { at, text: `${entry}\n` };
    }
  } else if (valueAt(toml.value, SOURCES) === undefined) {
    const table = `[tool.uv.sources]\n${entry}`;
    if (text.trim() === "") edit = { at: text.length, text: `${table}\n` };
    else if (/\n[ \t]*\r?\n$/.test(text)) edit = { at: text.length, text: `${table}\n` };
    else if (text.endsWith("\n")) edit = { at: text.length, text: `\n${table}\n` };
    else edit = { at: text.length, text: `\n\n${table}` };
  } else {
    return undefined;
  }
  const after = tomlValues(text.slice(0, edit.at) + edit.text + text.slice(edit.at));
  const added = after && tableAt(tableAt(after, SOURCES), [name]);
  return added?.["workspace"] === true && Object.keys(added).length === 1 ? edit : undefined;
}

/** `name` as a key of `[tool.uv.sources]`: quoted unless bare (`"Evio.Core"` unquoted would be a dotted key). */
export function sourceKey(name: string): string {
  return /^[A-Za-z0-9_-]+$/.test(name) ? name : JSON.stringify(name);
}

/** A requirement as a person writes it, for messages: `evio-core[gui]>=0.4.0`. */
export function requirementText(requirement: Requirement): string {
  const extras = requirement.extras.length > 0 ? `[${requirement.extras.join(",")}]` : "";
  return `${requirement.name}${extras}${requirement.url !== undefined ? ` @ ${requirement.url}` : requirement.specifier}`;
}
