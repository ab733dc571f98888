import { isAlias, isMap, isScalar, isSeq, type Document, type Scalar, type YAMLMap } from "yaml";
import { parseYaml, scalarSource, type ScalarSource, type ScalarStyle } from "../parse/yaml.js";
import type { ParseProblem } from "../parse/problem.js";
import { OffsetMapBuilder } from "../text/offset-map.js";
import type { Range } from "../text/range.js";
import { childSnippet, noNewlineEscaper, type Escaper, type Snippet } from "./snippet.js";

export type YamlFlavor = "github-workflow" | "lefthook" | "pre-commit" | "generic";

export function yamlFlavorOf(path: string): YamlFlavor {
  const posix = path.replace(/\\/g, "/");
  const base = posix.slice(posix.lastIndexOf("/") + 1);
  if (/(^|\/)\.github\/workflows\/[^/]+\.ya?ml$/.test(posix)) return "github-workflow";
  if (/^\.?lefthook[^/]*\.ya?ml$/.test(base)) return "lefthook";
  if (/^\.pre-commit-config\.ya?ml$/.test(base)) return "pre-commit";
  return "generic";
}

type Source = Exclude<YamlFlavor, "generic">;

/** One `run:`/`entry:` scalar and what its host says about how it runs. */
interface RunSite {
  readonly node: Scalar;
  readonly source: Source;
  readonly cwd: string | null;
  /** lefthook template names (`staged_files`, user `templates:` keys) */
  readonly templates?: ReadonlySet<string>;
}

export function yamlRunSnippets(
  parent: Snippet,
  flavor: YamlFlavor,
): { snippets: Snippet[]; problems: ParseProblem[] } {
  const { docs, problems } = parseYaml(parent.text);
  const snippets: Snippet[] = [];
  const seen = new Set<string>();
  for (const doc of docs) {
    for (const site of runSites(doc, flavor)) {
      // An alias used twice is one place in the file.
      const key = `${site.node.range?.[0]}:${site.cwd}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const snippet = siteSnippet(parent, site);
      if (snippet) snippets.push(snippet);
    }
  }
  return {
    snippets,
    problems: problems.map((p) => ({ message: p.message, range: parent.map.toHostRange(p.range) })),
  };
}

function runSites(doc: Document.Parsed, flavor: YamlFlavor): RunSite[] {
  const root = doc.contents;
  if (!isMap(root)) return [];
  const source = flavor === "generic" ? detectSource(doc, root) : flavor;
  if (source === "github-workflow") return workflowSites(doc, root);
  if (source === "lefthook") return lefthookSites(doc, root);
  if (source === "pre-commit") return preCommitSites(doc, root);
  return [];
}

const GIT_HOOKS = new Set([
  "applypatch-msg", "pre-applypatch", "post-applypatch", "pre-commit", "pre-merge-commit",
  "prepare-commit-msg", "commit-msg", "post-commit", "pre-rebase", "post-checkout", "post-merge",
  "pre-push", "pre-receive", "update", "proc-receive", "post-receive", "post-update",
  "reference-transaction", "push-to-checkout", "pre-auto-gc", "post-rewrite",
  "sendemail-validate", "fsmonitor-watchman", "post-index-change",
]);

/** A YAML block in docs says what it is only by its shape. */
function detectSource(doc: Document, root: YAMLMap): Source | null {
  if (entries(doc, get(doc, root, "jobs")).some(([, job]) => isSeq(get(doc, job, "steps")))) {
    return "github-workflow";
  }
  const isHook = ([key, hook]: [string, unknown]) =>
    GIT_HOOKS.has(key) && (get(doc, hook, "commands") !== undefined || get(doc, hook, "jobs") !== undefined);
  if (entries(doc, root).some(isHook)) return "lefthook";
  if (isSeq(get(doc, root, "repos"))) return "pre-commit";
  return null;
}

function workflowSites(doc: Document, root: YAMLMap): RunSite[] {
  const sites: RunSite[] = [];
  const workflowDefaults = get(doc, get(doc, root, "defaults"), "run");
  for (const [, job] of entries(doc, get(doc, root, "jobs"))) {
    const jobDefaults = get(doc, get(doc, job, "defaults"), "run");
    const runsOn = get(doc, job, "runs-on");
    const windows = [runsOn, ...items(doc, runsOn)].some((n) => /windows/i.test(scalarText(n) ?? ""));
    for (const step of items(doc, get(doc, job, "steps"))) {
      const run = get(doc, step, "run");
      if (!isScalar(run)) continue;
      const shell = [step, jobDefaults, workflowDefaults].map((m) => scalarText(get(doc, m, "shell"))).find(isSet);
      if (!isPosixShell(shell ?? (windows ? "pwsh" : "bash"))) continue;
      const dir = [step, jobDefaults, workflowDefaults].map((m) => scalarText(get(doc, m, "working-directory"))).find(isSet);
      sites.push({ node: run, source: "github-workflow", cwd: dir === undefined ? "." : repoDir(dir) });
    }
  }
  return sites;
}

const TEMPLATES = ["files", "staged_files", "all_files", "push_files", "cmd", "lefthook_job_name"];

function lefthookSites(doc: Document, root: YAMLMap): RunSite[] {
  const templates = new Set([...TEMPLATES, ...entries(doc, get(doc, root, "templates")).map(([k]) => k)]);
  const sites: RunSite[] = [];
  const add = (entry: unknown, inheritedRoot: string | undefined) => {
    const run = get(doc, entry, "run");
    const dir = scalarText(get(doc, entry, "root")) ?? inheritedRoot;
    if (isScalar(run)) sites.push({ node: run, source: "lefthook", cwd: dir === undefined ? "." : repoDir(dir), templates });
  };
  // lefthook 1.10+ jobs; a group's `root` applies to the jobs inside it.
  const addJobs = (list: unknown, inheritedRoot: string | undefined) => {
    for (const job of items(doc, list)) {
      add(job, inheritedRoot);
      const groupRoot = scalarText(get(doc, job, "root")) ?? inheritedRoot;
      addJobs(get(doc, get(doc, job, "group"), "jobs"), groupRoot);
    }
  };
  for (const [, hook] of entries(doc, root)) {
    for (const [, command] of entries(doc, get(doc, hook, "commands"))) add(command, undefined);
    addJobs(get(doc, hook, "jobs"), undefined);
  }
  return sites;
}

// `pygrep` entries are regexes, `fail` entries messages, `docker_image` entries image names.
const NOT_COMMAND_LANGUAGES = new Set(["pygrep", "fail", "docker_image"]);

function preCommitSites(doc: Document, root: YAMLMap): RunSite[] {
  const sites: RunSite[] = [];
  for (const repo of items(doc, get(doc, root, "repos"))) {
    if (scalarText(get(doc, repo, "repo")) !== "local") continue;
    for (const hook of items(doc, get(doc, repo, "hooks"))) {
      const entry = get(doc, hook, "entry");
      if (!isScalar(entry) || NOT_COMMAND_LANGUAGES.has(scalarText(get(doc, hook, "language")) ?? "")) continue;
      sites.push({ node: entry, source: "pre-commit", cwd: "." });
    }
  }
  return sites;
}

function siteSnippet(parent: Snippet, site: RunSite): Snippet | null {
  const scalar = scalarSource(site.node, parent.text);
  if (!scalar || scalar.text.trim() === "") return null;
  const { text, map, opaque } = site.source === "github-workflow" ? hideExpressions(scalar) : { ...scalar, opaque: [] };
  return childSnippet(parent, {
    text,
    language: "shell",
    map,
    origin: parent.origin === "markdown:yaml" ? "markdown:yaml:shell" : "yaml:shell",
    escape: ESCAPERS[scalar.style],
    cwd: site.cwd,
    opaque,
    placeholders: site.templates ? templateRanges(text, site.templates) : [],
  });
}

/** `${{ expr }}` becomes an opaque word of the same length (underscores parse anywhere a word can). */
function hideExpressions(scalar: ScalarSource): Pick<ScalarSource, "text" | "map"> & { opaque: Range[] } {
  const b = new OffsetMapBuilder();
  const opaque: Range[] = [];
  const src = scalar.text;
  let last = 0;
  for (let start = src.indexOf("${{"); start !== -1; start = src.indexOf("${{", last)) {
    const end = expressionEnd(src, start + 3);
    if (end === -1) break;
    b.verbatim(src.slice(last, start), last);
    opaque.push({ start: b.snippetLength, end: b.snippetLength + end - start });
    b.opaque("_".repeat(end - start), start, end);
    last = end;
  }
  b.verbatim(src.slice(last), last);
  const built = b.build();
  return { text: built.text, map: built.map.compose(scalar.map), opaque };
}

/** Index after the `}}` closing an expression; `}}` inside a '...' string literal does not close it. */
function expressionEnd(src: string, from: number): number {
  for (let i = from; i < src.length - 1; i++) {
    if (src[i] === "'") {
      i++;
      while (i < src.length && !(src[i] === "'" && src[i + 1] !== "'")) i += src[i] === "'" ? 2 : 1;
    } else if (src[i] === "}" && src[i + 1] === "}") {
      return i + 2;
    }
  }
  return -1;
}

function templateRanges(src: string, names: ReadonlySet<string>): Range[] {
  const ranges: Range[] = [];
  for (const m of src.matchAll(/\{(\w+)\}/g)) {
    if (src[m.index - 1] === "$" || !(names.has(m[1]!) || /^\d+$/.test(m[1]!))) continue;
    ranges.push({ start: m.index, end: m.index + m[0].length });
  }
  return ranges;
}


const ESCAPERS: Record<ScalarStyle, Escaper> = {
  literal: noNewlineEscaper,
  folded: noNewlineEscaper,
  // A plain scalar keeps its meaning unless the text adds a comment, a mapping or an indicator.
  plain: (t) => (/[\r\n]|:(\s|$)|\s#|^[[\]{},#&*!|>'"%@`]|^[-?:](\s|$)/.test(t) ? null : t),
  "double-quoted": (t) => t.replace(/[\\"]/g, "\\$&").replace(/\n/g, "\\n").replace(/\r/g, "\\r"),
  "single-quoted": (t) => (/[\r\n]/.test(t) ? null : t.replace(/'/g, "''")),
};

/** Working directories are relative to the repository root; null when not knowable. */
function repoDir(dir: string): string | null {
  if (dir.includes("${{") || dir.includes("$")) return null;
  const posix = dir.replace(/\\/g, "/");
  if (posix.startsWith("/") || posix.startsWith("~")) return null;
  const parts: string[] = [];
  for (const part of posix.split("/")) {
    if (part === "" || part === ".") continue;
    if (part !== "..") parts.push(part);
    else if (parts.pop() === undefined) return null;
  }
  return parts.length === 0 ? "." : parts.join("/");
}

function isPosixShell(shell: string): boolean {
  const program = shell.trim().split(/\s+/)[0] ?? "";
  return program === "" || ["bash", "sh"].includes(program.slice(program.lastIndexOf("/") + 1));
}

function get(doc: Document, node: unknown, key: string): unknown {
  if (!isMap(node)) return undefined;
  const value = node.get(key, true);
  return isAlias(value) ? value.resolve(doc) : value;
}

function items(doc: Document, node: unknown): unknown[] {
  return isSeq(node) ? node.items.map((n) => (isAlias(n) ? n.resolve(doc) : n)) : [];
}

function entries(doc: Document, node: unknown): [string, unknown][] {
  if (!isMap(node)) return [];
  return node.items.flatMap((pair) => {
    const key = scalarText(pair.key);
    return key === undefined ? [] : [[key, isAlias(pair.value) ? pair.value.resolve(doc) : pair.value]];
  });
}

function scalarText(node: unknown): string | undefined {
  if (!isScalar(node) || node.value === null || typeof node.value === "object") return undefined;
  return String(node.value);
}

function isSet(value: string | undefined): value is string {
  return value !== undefined;
}
