import type { Config, ResolvedConfig } from "../config/load.js";
import { isZshScript, type FileKind } from "../discover/kind.js";
import { verbatimEscaper, type Escaper, type Origin, type Snippet } from "../embed/snippet.js";
import { extractCommands } from "../facts/shell/commands.js";
import { loadWorkspace } from "../facts/python/workspace-load.js";
import type { WorkspaceModel } from "../facts/python/workspace.js";
import { listFiles } from "../discover/files.js";
import { workingTreeSource, type FileSource } from "../discover/file-source.js";
import { repoIndex } from "./repo-index.js";
import { providers, type ProvidedFact } from "./providers.js";
import { SourceFile } from "../text/source-file.js";
import { makeContext, type RawDiagnostic } from "./context.js";
import type { AnyRule, FileFact, HookFacts, RepoIndex } from "./define-rule.js";
import { compareDiagnostics, type Diagnostic } from "./diagnostic.js";
import { extract } from "./extract.js";
import { quietKey, quietSnippetsOf, rememberQuiet } from "./quiet-snippets.js";
import { applyDirectives, findDirectives } from "./suppress.js";

/** Set on a run whose root declares no uv workspace (engine/scope.ts narrows it). */
export interface NoWorkspace {
  /** what was looked for at the root and not found */
  readonly missing: string;
  /** the file is Python-looking: in or under a folder with a pyproject.toml, setup.py, requirements*.txt... */
  lints(file: string): boolean;
}

export interface LintEnv {
  readonly rootAbs: string;
  /** where every file besides the linted one is read: the working tree, or the index under `--staged` */
  readonly fileSource: FileSource;
  readonly config: Config;
  readonly rules: readonly AnyRule[];
  readonly workspace: WorkspaceModel;
  readonly repo: RepoIndex;
  /** the run's file list (posix, relative to the root) */
  readonly fileList: readonly string[];
  /** set when the root declares no uv workspace: the rules were narrowed, and only these files are linted */
  readonly noWorkspace?: NoWorkspace;
  /** false: lint every copy of a documentation snippet that reported nothing (engine/quiet-snippets.ts), for tests that compare */
  readonly skipQuietCopies?: boolean;
}

/** Everything a run needs besides the files: built once per run (the workspace model, the file index). */
export function createEnv(init: { rootAbs: string; config: Config; rules: readonly AnyRule[]; files?: readonly string[]; fileSource?: FileSource }): LintEnv {
  const fileSource = init.fileSource ?? workingTreeSource(init.rootAbs);
  const fileList = init.files ?? listFiles(init.rootAbs);
  const workspace = loadWorkspace(init.rootAbs, fileSource);
  init.config.checkAgainst(workspace);
  return {
    rootAbs: init.rootAbs,
    fileSource,
    config: init.config,
    rules: init.rules,
    workspace,
    repo: repoIndex(init.rootAbs, fileList),
    fileList,
  };
}

export interface FileReport {
  readonly path: string;
  readonly kind: FileKind;
  readonly source: SourceFile | null;
  readonly diagnostics: Diagnostic[];
  /** Nix blocks of a document that do not parse (not findings; the fixer counts them like syntax errors) */
  readonly unparsedFragments?: number;
}

export const PARSE_ERROR = "parse-error";
export const UNUSED_DIRECTIVE = "unused-disable-directive";

const ORIGIN_OF_KIND: Record<FileKind, Origin> = {
  nix: "nix",
  shell: "shell",
  pyproject: "toml",
  "uv-lock": "toml",
  toml: "toml",
  markdown: "markdown",
  yaml: "yaml",
  "package-json": "json",
  makefile: "makefile:shell",
  dockerfile: "dockerfile:shell",
  other: "text",
};

export { decode } from "../text/decode.js";

/** Lint one file's text. `text` null: the file exists but is not readable as UTF-8 text. */
export async function lintText(
  path: string,
  kind: FileKind,
  text: string | null,
  env: LintEnv,
  textProblem?: "binary" | "encoding",
): Promise<FileReport> {
  const cfg = env.config.forFile(path);
  const enabled = env.rules.filter((r) => cfg.rules[r.id]?.severity !== "off");
  const raw: RawDiagnostic[] = [];
  const sink = (d: RawDiagnostic): void => void raw.push(d);
  let announced: readonly string[] = [];
  const source = text === null ? null : new SourceFile(path, text);
  const fileFact: FileFact = { path, kind, source };
  // Rules see an empty file when the text could not be read (binary, bad encoding): they report on its path.
  const contextFile = source ?? new SourceFile(path, "");

  const contextFor = (rule: AnyRule, origin: Origin, inDocs: boolean, escape: Escaper = verbatimEscaper) =>
    makeContext({
      rule,
      file: contextFile,
      kind,
      origin,
      inDocs,
      escape,
      workspace: env.workspace,
      repo: env.repo,
      options: cfg.rules[rule.id]?.options ?? {},
      defaultMember: cfg.defaultMember,
      sink,
      announced,
    });

  for (const rule of enabled) rule.on.file?.(fileFact, contextFor(rule, ORIGIN_OF_KIND[kind], kind === "markdown"));

  // Contexts hold no state of their own: one per rule and snippet kind (origin, inDocs, escaper) serves
  // every command of the file, where one per command was most of the file's garbage. Made after
  // `extract` gave the announced paths.
  type Context = ReturnType<typeof contextFor>;
  const contexts = new Map<AnyRule, KindCache<Context>>();
  const sharedContext = (rule: AnyRule, origin: Origin, inDocs: boolean, escape: Escaper = verbatimEscaper): Context => {
    let ofKind = contexts.get(rule);
    if (!ofKind) contexts.set(rule, (ofKind = kindCache((o, d, e) => contextFor(rule, o, d, e))));
    return ofKind(origin, inDocs, escape);
  };

  const quiet = env.skipQuietCopies === false ? undefined : quietSnippetsOf(env, cfg);
  // Keys of the Nix snippets that may be remembered as quiet (engine/quiet-snippets.ts).
  const nixKeys = new Map<Snippet, string>();
  const dispatch = (provided: readonly ProvidedFact[]): void => {
    for (const p of provided) {
      const reported = raw.length;
      for (const rule of enabled) {
        const hook = rule.on[p.hook] as ((fact: HookFacts[keyof HookFacts], ctx: ReturnType<typeof contextFor>) => void) | undefined;
        if (!hook) continue;
        const s = p.snippet;
        hook(p.fact, s ? sharedContext(rule, s.origin, s.inDocs, s.escape) : sharedContext(rule, ORIGIN_OF_KIND[kind], kind === "markdown"));
      }
      const key = p.hook === "nix" && p.snippet ? nixKeys.get(p.snippet) : undefined;
      if (key !== undefined && raw.length === reported) rememberQuiet(quiet!, key);
    }
  };

  if (!source) {
    if (textProblem === "encoding" && kind !== "other") {
      raw.push({
        rule: PARSE_ERROR,
        message: "File is not valid UTF-8 text; evio-lint reads UTF-8 only. Re-encode it as UTF-8.",
        file: path,
        range: { start: 0, end: 0 },
        origin: ORIGIN_OF_KIND[kind],
        suggestions: [],
      });
    }
    return finish(path, kind, null, raw, cfg, env, [], undefined);
  }

  const extracted = await extract(source, kind, cfg, env.fileSource);
  announced = extracted.announcedPaths.map((a) => a.path);
  for (const { problem, origin } of extracted.problems) {
    raw.push({ rule: PARSE_ERROR, message: `Syntax error: ${problem.message}.`, file: path, range: problem.range, origin, suggestions: [] });
  }
  const commandRules = enabled.filter((r) => r.on.command);
  // Per snippet, and per kind of snippet: a document has thousands of the one and a few of the other.
  const commandContexts = new Map<Snippet, Context[]>();
  const commandContextsOfKind = kindCache((o, d, e) => commandRules.map((rule) => sharedContext(rule, o, d, e)));
  const liveLines = new Set<number>();
  const read = (snippet: Snippet) => extractCommands(snippet, { rootAbs: env.rootAbs });
  // zsh is read with the bash grammar: what error recovery makes of zsh-only syntax is no
  // command to judge, so a zsh script that bash cannot parse whole is not linted (and no error).
  const early = kind === "shell" ? extracted.scripts.map(read) : undefined;
  const unreadZsh = early !== undefined && isZshScript(path, source.text) && early.some((f) => f.problems.length > 0);
  for (let i = 0; i < (unreadZsh ? 0 : extracted.scripts.length); i++) {
    const snippet = extracted.scripts[i]!;
    if (kind === "markdown") markLines(source, snippet, liveLines);
    const key = quiet && quietKey(snippet, path, kind, announced);
    if (key !== undefined && quiet!.has(key)) continue;
    const reported = raw.length;
    const facts = early?.[i] ?? read(snippet);
    if (!snippet.inDocs) {
      for (const problem of facts.problems) {
        raw.push({ rule: PARSE_ERROR, message: problem.notAnalysed ? `${problem.message}.` : `Shell syntax error: ${problem.message}.`, file: path, range: problem.range, origin: snippet.origin, suggestions: [] });
      }
    }
    for (const cmd of facts.commands) {
      const from = facts.snippetOf.get(cmd) ?? snippet;
      let ctxs = commandContexts.get(from);
      if (!ctxs) commandContexts.set(from, (ctxs = commandContextsOfKind(from.origin, from.inDocs, from.escape)));
      for (let r = 0; r < commandRules.length; r++) commandRules[r]!.on.command!(cmd, ctxs[r]!);
    }
    if (key !== undefined && raw.length === reported) rememberQuiet(quiet!, key);
  }
  // A Nix snippet whose copy reported nothing is not read again (its facts are its tree's, the run's and the file's).
  const nix = quiet ? extracted.nix.filter(({ snippet }) => {
    const key = quietKey(snippet, path, kind, announced);
    if (key !== undefined) nixKeys.set(snippet, key);
    return key === undefined || !quiet.has(key);
  }) : extracted.nix;
  for (const provider of providers) {
    if (!provider.kinds.includes(kind) || !provider.hooks.some((h) => enabled.some((r) => r.on[h]))) continue;
    const { provide } = await provider.load();
    dispatch(await provide({ source, kind, rootAbs: env.rootAbs, fileSource: env.fileSource, fileList: env.fileList, workspace: env.workspace, repo: env.repo, nix, toml: extracted.tomlBlocks }));
  }
  // In an unread zsh script no `#` directive can have suppressed anything: none is reported unused.
  const hashLines = kind === "markdown" ? (line: number) => liveLines.has(line) : unreadZsh ? () => false : undefined;
  const report = finish(path, kind, source, raw, cfg, env, enabled, hashLines);
  return extracted.unparsedFragments > 0 ? { ...report, unparsedFragments: extracted.unparsedFragments } : report;
}

type KindCache<T> = (origin: Origin, inDocs: boolean, escape: Escaper) => T;

/** One value per kind of snippet (origin, in docs or not, escaper), made when first asked for. */
function kindCache<T>(make: KindCache<T>): KindCache<T> {
  const byEscape = new Map<Escaper, Map<Origin, [T | undefined, T | undefined]>>();
  return (origin, inDocs, escape) => {
    let byOrigin = byEscape.get(escape);
    if (!byOrigin) byEscape.set(escape, (byOrigin = new Map()));
    let pair = byOrigin.get(origin);
    if (!pair) byOrigin.set(origin, (pair = [undefined, undefined]));
    return (pair[inDocs ? 1 : 0] ??= make(origin, inDocs, escape));
  };
}

/** Host lines a snippet's text covers, so `#` directives count only there in Markdown. */
function markLines(source: SourceFile, snippet: Snippet, lines: Set<number>): void {
  if (snippet.text.length === 0) return;
  const whole = snippet.map.toHostRange({ start: 0, end: snippet.text.length });
  const first = source.positionAt(whole.start).line;
  const last = source.positionAt(whole.end).line;
  for (let l = first; l <= last; l++) lines.add(l);
}

function finish(
  path: string,
  kind: FileKind,
  source: SourceFile | null,
  raw: RawDiagnostic[],
  cfg: ResolvedConfig,
  env: LintEnv,
  enabled: readonly AnyRule[],
  hashLines: ((line: number) => boolean) | undefined,
): FileReport {
  let kept = raw;
  if (source) {
    const directives = findDirectives(source, kind, hashLines);
    if (directives.length > 0) {
      const known = new Set(env.rules.map((r) => r.id));
      const result = applyDirectives(raw as Diagnostic[], directives, source, (id) => !known.has(id) || enabled.some((r) => r.id === id));
      kept = result.kept;
      for (const u of result.unused) {
        const unknown = u.rules.filter((r) => !known.has(r));
        const message = unknown.length > 0
          ? `\`${unknown.join("`, `")}\` ${unknown.length > 1 ? "are not evio-lint rules" : "is not an evio-lint rule"}; remove or correct the directive.`
          : u.rules.length === 0
            ? "Unused `evio-lint-" + u.directive.kind + "` directive: nothing here is reported. Remove it."
            : `Unused \`evio-lint-${u.directive.kind}\` for \`${u.rules.join("`, `")}\`: nothing here is reported. Remove ${u.rules.length < u.directive.rules.length ? "those rule ids" : "it"}.`;
        kept.push({
          rule: UNUSED_DIRECTIVE,
          message,
          file: path,
          range: u.directive.range,
          origin: ORIGIN_OF_KIND[kind],
          ...(u.fix ? { fix: { safety: "safe" as const, description: "Remove the unused directive", edits: [u.fix] } } : {}),
          suggestions: [],
        });
      }
    }
  }
  const diagnostics: Diagnostic[] = [];
  for (const d of kept) {
    const setting = cfg.rules[d.rule]?.severity ?? "error";
    if (setting === "off") continue;
    // The lower of the configured severity and the one the rule reported with (run-path-exists in docs).
    const capped = d.severity === "warning" ? "warning" : setting;
    const severity = d.origin === "markdown:inline" && cfg.markdown.inlineCode === "warn" ? "warning" : capped;
    diagnostics.push({ ...d, severity });
  }
  diagnostics.sort(compareDiagnostics);
  return { path, kind, source, diagnostics };
}
