import path from "node:path";
import type { FileSource } from "../../discover/file-source.js";
import type { FileKind } from "../../discover/kind.js";
import { loadTomlParser, parseToml, stringsIn, tableAt, type TomlDocument } from "../../parse/toml.js";
import { inRanges, type Snippet } from "../../embed/snippet.js";
import type { OffsetMap } from "../../text/offset-map.js";
import type { SourceFile } from "../../text/source-file.js";
import { normalizeName } from "./pep503.js";
import { sourceInsertion, type LockfileFacts, type Project, type PyprojectFacts, type WorkspacePackage, type WorkspaceTable } from "./pyproject.js";
import { lockFromDocument } from "./uv-lock.js";
import { dependenciesOf, sourcesOf } from "./dependencies.js";
import { matchMemberGlob } from "./workspace-load.js";
import type { Member, WorkspaceModel } from "./workspace.js";

/** What this provider reads of a file (the engine's PyprojectInput has it). */
export interface PyprojectInput {
  readonly source: SourceFile;
  readonly kind: FileKind;
  readonly fileSource: FileSource;
  readonly fileList: readonly string[];
  readonly workspace: WorkspaceModel;
  /** ```toml blocks of a Markdown file */
  readonly toml: readonly Snippet[];
}

type ProvidedFact = { hook: "pyproject"; fact: PyprojectFacts; snippet?: Snippet } | { hook: "lockfile"; fact: LockfileFacts };

/** Facts of a pyproject.toml, a uv.lock, or the ```toml blocks of a Markdown file. */
export async function provide(input: PyprojectInput): Promise<ProvidedFact[]> {
  // The first TOML host of the run loads the range parser (no top-level await: the bundle is CommonJS).
  await loadTomlParser();
  switch (input.kind) {
    case "pyproject": {
      const fact = fileFact(input);
      return fact ? [{ hook: "pyproject", fact }] : [];
    }
    case "uv-lock": {
      const { document } = parseToml(input.source.text);
      if (!document) return [];
      const fact: LockfileFacts = { path: input.source.path, isRoot: input.source.path === "uv.lock", lock: lockFromDocument(document) };
      return [{ hook: "lockfile", fact }];
    }
    case "markdown":
      return markdownBlockFacts(input);
    default:
      return [];
  }
}

function fileFact(input: PyprojectInput): PyprojectFacts | undefined {
  const { text, path: file } = input.source;
  const { document: pyproject } = parseToml(text);
  if (!pyproject) return undefined;
  const model = input.workspace;
  const dir = path.posix.dirname(file);
  const isRoot = file === "pyproject.toml";
  const project = projectOf(pyproject);
  let nested: string[] | undefined;
  return {
    path: file,
    inDocs: false,
    dir,
    isRoot,
    toml: pyproject,
    project,
    isMember: isRoot ? project !== undefined : model.memberAtDir(dir)?.dir === dir,
    sources: sourcesOf(pyproject, file),
    rootSources: isRoot ? [] : model.rootSources,
    memberNamed: (name) => other(project, model.memberByName(name)),
    memberAtDir: (at) => other(project, model.memberAtDir(at)),
    workspaceTable: isRoot ? workspaceTable(pyproject, input.fileSource) : undefined,
    nestedPyprojects: () =>
      (nested ??= isRoot || !model.rootPyproject
        ? input.fileList.filter((f) => f !== file && f !== "pyproject.toml" && path.posix.basename(f) === "pyproject.toml")
        : []),
    sourceInsertion: (name) => sourceInsertion(text, pyproject, name),
  };
}

/**
 * A Markdown file's ```toml blocks: each a pyproject of its own. A document that shows the
 * workspace root (`[tool.uv.workspace]`) describes a workspace: the projects of its other blocks
 * are members, and the root block's sources apply to them.
 */
function markdownBlockFacts(input: PyprojectInput): ProvidedFact[] {
  const blocks = input.toml.flatMap((snippet) => {
    const { document } = parseToml(snippet.text);
    return document ? [{ snippet, toml: document, host: hostDocument(document, snippet.map) }] : [];
  });
  const roots = blocks.filter((b) => tableAt(b.toml.value, ["tool", "uv", "workspace"]) !== undefined);
  const shownProjects = roots.length > 0 ? blocks.flatMap((b) => projectOf(b.toml) ?? []) : [];
  const shownRootSources = roots.flatMap((b) => sourcesOf(b.host, input.source.path));
  const model = input.workspace;
  return blocks.map(({ snippet, toml, host }): ProvidedFact => {
    const own = projectOf(host);
    const project = own && { ...own, dependencies: own.dependencies.filter((d) => !inExcluded(snippet, d.range)) };
    const isRootBlock = roots.some((b) => b.snippet === snippet);
    const named = (name: string): WorkspacePackage | undefined => {
      const member = model.memberByName(name);
      if (member) return other(project, member);
      const declared = shownProjects.find((p) => p.normalizedName === normalizeName(name));
      return declared && other(project, { ...declared, dir: undefined });
    };
    const fact: PyprojectFacts = {
      path: input.source.path,
      inDocs: true,
      dir: undefined,
      isRoot: false,
      toml: host,
      project,
      isMember: project !== undefined && (roots.length > 0 || model.memberByName(project.name) !== undefined),
      sources: sourcesOf(host, input.source.path),
      rootSources: isRootBlock ? [] : [...shownRootSources, ...model.rootSources],
      memberNamed: named,
      memberAtDir: () => undefined,
      workspaceTable: undefined,
      nestedPyprojects: () => [],
      sourceInsertion(name) {
        // Only where the block is the host text unchanged (no indentation or quote marks to add).
        if (!snippet.map.isVerbatim({ start: 0, end: snippet.text.length })) return undefined;
        const edit = sourceInsertion(snippet.text, toml, name);
        return edit && { at: snippet.map.toHost(edit.at, "end"), text: edit.text };
      },
    };
    return { hook: "pyproject", fact, snippet };
  });
}

function projectOf(toml: TomlDocument): Project | undefined {
  const project = tableAt(toml.value, ["project"]);
  const name = project?.["name"];
  if (typeof name !== "string") return undefined;
  const version = project?.["version"];
  return {
    name,
    normalizedName: normalizeName(name),
    version: typeof version === "string" ? version : undefined,
    // Asked of the document when a rule reads them: a member with no finding needs no range parse.
    get nameRange() {
      return toml.valueRange(["project", "name"]);
    },
    get tableRange() {
      return toml.tableRange(["project"]);
    },
    dependencies: dependenciesOf(toml),
  };
}

function workspaceTable(toml: TomlDocument, wsFs: FileSource): WorkspaceTable | undefined {
  const workspace = tableAt(toml.value, ["tool", "uv", "workspace"]);
  if (!workspace) return undefined;
  const excludes = stringsIn(workspace["exclude"]).map(({ value }) => value);
  // Ranges on first read, as for a project: a root with no finding needs no range parse.
  return {
    get range() {
      return toml.tableRange(["tool", "uv", "workspace"]) ?? toml.keyRange(["tool", "uv", "workspace"]) ?? { start: 0, end: 0 };
    },
    excludes,
    globs: stringsIn(workspace["members"]).map(({ value: pattern, index }) => ({
      pattern,
      get range() {
        return toml.valueRange(["tool", "uv", "workspace", "members", index]) ?? { start: 0, end: 0 };
      },
      ...matchMemberGlob(pattern, excludes, wsFs),
    })),
  };
}

/** A package unless it is the text's own project. */
function other(self: Project | undefined, pkg: Member | (Omit<WorkspacePackage, "dir"> & { dir: undefined }) | undefined): WorkspacePackage | undefined {
  if (!pkg || pkg.normalizedName === self?.normalizedName) return undefined;
  return { name: pkg.name, normalizedName: pkg.normalizedName, version: pkg.version, dir: pkg.dir };
}

/** Inside a counter-example region of the block (`# Wrong:` and the lines it leads). */
function inExcluded(snippet: Snippet, hostRange: { start: number; end: number }): boolean {
  return inRanges(snippet.excluded.map((r) => snippet.map.toHostRange(r)), hostRange);
}

/** The same document with every range (and insertion point) taken to the host file. */
function hostDocument(toml: TomlDocument, map: OffsetMap): TomlDocument {
  const host = <T extends { start: number; end: number } | undefined>(r: T): T => (r === undefined ? r : (map.toHostRange(r) as T));
  return {
    value: toml.value,
    valueRange: (p) => host(toml.valueRange(p)),
    keyRange: (p) => host(toml.keyRange(p)),
    tableRange: (p) => host(toml.tableRange(p)),
    tableInsertionPoint: (p) => {
      const at = toml.tableInsertionPoint(p);
      return at === undefined ? undefined : map.toHost(at, "end");
    },
  };
}
