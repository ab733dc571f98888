import { parseArgs } from "node:util";
import type { SeverityName, WorkspaceSetting } from "../config/schema.js";
import { closest, TYPO_LIMIT } from "../text/edit-distance.js";

export class UsageError extends Error {}

export type Format = "stylish" | "concise" | "json" | "sarif" | "github" | "gitlab";
const FORMATS: readonly Format[] = ["stylish", "concise", "json", "sarif", "github", "gitlab"];

export interface Options {
  readonly command: "lint" | "explain" | "init";
  readonly paths: readonly string[];
  readonly format: Format;
  readonly fix: boolean;
  readonly unsafeFixes: boolean;
  readonly fixDryRun: boolean;
  readonly config?: string;
  readonly rules: Readonly<Record<string, SeverityName>>;
  readonly maxWarnings?: number;
  readonly quiet: boolean;
  readonly color: boolean;
  readonly version: boolean;
  readonly help: boolean;
  readonly listRules: boolean;
  readonly printConfig?: string;
  /** lint text from stdin as if it were this path */
  readonly stdinFilename?: string;
  /** lint what is staged in git (the index), not the working tree */
  readonly staged: boolean;
  /** record every current error in evio-lint-suppressions.json */
  readonly suppressAll: boolean;
  /** drop baseline entries that no longer occur */
  readonly pruneSuppressions: boolean;
  /** threads to lint with; undefined = both cores for big trees */
  readonly jobs?: number;
  /** overrides the config's `workspace` setting */
  readonly workspace?: WorkspaceSetting;
  /** reuse results of unchanged files (--cache) */
  readonly cache: boolean;
  /** the cache folder, relative to the working directory */
  readonly cacheLocation?: string;
  /** write the report here instead of stdout; a one-line summary goes to stderr */
  readonly outputFile?: string;
  /** print the count of findings per rule instead of the findings */
  readonly statistics: boolean;
  /** exit 0 even when errors remain (usage, config and internal errors still exit 2) */
  readonly exitZero: boolean;
}

export const USAGE = `Usage: evio-lint [options] [paths...]
       evio-lint explain RULE
       evio-lint init             (write .evio-lint.json and a lefthook pre-commit command)
       evio-lint lsp              (language server over stdio)

Lints a Nix + uv Python monorepo against its workflow contract. With no paths, lints every file
of the repository (git's tracked and untracked-but-not-ignored files).

Options:
  -f, --format FORMAT         stylish (default), concise (path:line:col: severity rule message),
                              json (docs/output-json.md), sarif (SARIF 2.1.0), github (GitHub
                              Actions annotations), gitlab (GitLab Code Quality)
  -o, --output-file FILE      write the report to FILE; a one-line summary goes to stderr
      --statistics            print how many findings each rule has, and how many are fixable
      --exit-zero             exit 0 even when errors remain (2 still means a usage or config error)
      --fix                   apply safe fixes and write the files
      --unsafe-fixes          with --fix, also apply unsafe fixes
      --fix-dry-run           print the fixes as a unified diff; write nothing
  -c, --config FILE           use this config instead of .evio-lint.json at the root
      --rule ID=off|warn|error  set a rule's severity (repeatable; 0, 1, 2 as in ESLint)
      --max-warnings N        exit 1 when there are more than N warnings
      --quiet                 report errors only
      --no-color              no colours (also NO_COLOR=1)
      --list-rules            list the rules with their default severity and fix kind
      --print-config FILE     print the resolved config for FILE
      --stdin                 lint standard input (with --stdin-filename PATH: as if it were PATH)
      --stdin-filename PATH   the path stdin stands for (its kind, config and workspace)
      --staged                lint the staged content of staged files (what a commit records);
                              with --fix, fix and re-stage files that have no unstaged changes
      --suppress-all          record every current error in evio-lint-suppressions.json (a
                              baseline for an old repo); later runs show only new ones
      --prune-suppressions    drop baseline entries that no longer occur
      --cache                 reuse the results of files whose content and inputs did not change
                              (stored in .evio-lint-cache/ at the root; docs/performance.md)
      --cache-location DIR    keep the cache in DIR
      --no-cache              do not read or write the cache (overrides --cache)
      --jobs N                lint with N threads (default: the cores, up to 4, for 50,000+ files)
      --workspace auto|required  auto (default): a repo whose root declares no
                              [tool.uv.workspace] gets only the rules that need none, on
                              Python-looking files; required: the whole contract (docs/no-workspace.md)
  -v, --version               print the version
  -h, --help                  print this help

Paths are shown relative to the current folder; a path named on the command line as it was typed.
Exit codes: 0 no errors, 1 lint errors (or too many warnings), 2 usage, config or internal error.
All of it: docs/cli.md.
`;

const OPTIONS = {
  format: { type: "string", short: "f" },
  "output-file": { type: "string", short: "o" },
  statistics: { type: "boolean" },
  "exit-zero": { type: "boolean" },
  fix: { type: "boolean" },
  "unsafe-fixes": { type: "boolean" },
  "fix-dry-run": { type: "boolean" },
  config: { type: "string", short: "c" },
  rule: { type: "string", multiple: true },
  "max-warnings": { type: "string" },
  quiet: { type: "boolean" },
  color: { type: "boolean" },
  "no-color": { type: "boolean" },
  version: { type: "boolean", short: "v" },
  help: { type: "boolean", short: "h" },
  "list-rules": { type: "boolean" },
  "print-config": { type: "string" },
  stdin: { type: "boolean" },
  "stdin-filename": { type: "string" },
  staged: { type: "boolean" },
  "suppress-all": { type: "boolean" },
  "prune-suppressions": { type: "boolean" },
  jobs: { type: "string", short: "j" },
  workspace: { type: "string" },
  cache: { type: "boolean" },
  "no-cache": { type: "boolean" },
  "cache-location": { type: "string" },
} as const;

const NUMERIC_SEVERITY: Record<string, SeverityName> = { "0": "off", "1": "warn", "2": "error" };

/** A usage error from node's parser, in our words; an unknown option gets the nearest real one. */
function usageError(e: Error): UsageError {
  const code = (e as NodeJS.ErrnoException).code;
  const unknown = /^Unknown option '([^']+)'/.exec(e.message);
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" && unknown) {
    const typed = unknown[1]!;
    const names = Object.keys(OPTIONS).map((n) => `--${n}`);
    const guess = typed.startsWith("--") ? closest(typed, names, { limit: TYPO_LIMIT }) : undefined;
    return new UsageError(`unknown option ${typed}${guess ? ` (did you mean ${guess}?)` : ""}`);
  }
  return new UsageError(e.message.replace(/^TypeError \[\w+\]: /, ""));
}

/**
 * `isTty` (is standard output a terminal) is asked only where it decides something, the colour of
 * stylish output: the first look at `process.stdout` builds a stream (src/cli/fd-write.ts).
 */
export function parseOptions(argv: readonly string[], env: NodeJS.ProcessEnv = process.env, isTty: boolean | (() => boolean) = false): Options {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: OPTIONS,
    });
  } catch (e) {
    throw usageError(e as Error);
  }
  const v = parsed.values;
  const format = (v.format ?? "stylish") as Format;
  if (!FORMATS.includes(format)) {
    const guess = closest(String(v.format), FORMATS, { limit: () => 2 });
    throw new UsageError(`--format must be one of ${FORMATS.join(", ")} (got "${v.format}"${guess ? `; did you mean ${guess}?` : ""})`);
  }
  if (v.statistics && !["stylish", "concise", "json"].includes(format)) throw new UsageError(`--statistics prints a table (or JSON with --format json), not --format ${format}`);
  if (v["output-file"] === "") throw new UsageError("--output-file needs a file name");
  let maxWarnings: number | undefined;
  if (v["max-warnings"] !== undefined) {
    maxWarnings = Number(v["max-warnings"]);
    if (!Number.isInteger(maxWarnings) || maxWarnings < 0) throw new UsageError(`--max-warnings takes a whole number >= 0 (got "${v["max-warnings"]}")`);
  }
  let jobs: number | undefined;
  if (v.jobs !== undefined) {
    jobs = Number(v.jobs);
    if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError(`--jobs takes a whole number >= 1 (got "${v.jobs}")`);
  }
  if (v.workspace !== undefined && v.workspace !== "auto" && v.workspace !== "required") throw new UsageError(`--workspace takes auto or required (got "${v.workspace}")`);
  const rules: Record<string, SeverityName> = {};
  for (const r of v.rule ?? []) {
    const m = /^([a-z0-9-]+)=(off|warn|error|[012])$/.exec(r);
    if (!m) throw new UsageError(`--rule takes ID=off|warn|error (got "${r}")`);
    rules[m[1]!] = NUMERIC_SEVERITY[m[2]!] ?? (m[2] as SeverityName);
  }
  if (v["unsafe-fixes"] && !v.fix && !v["fix-dry-run"]) throw new UsageError("--unsafe-fixes goes with --fix or --fix-dry-run");
  if (v["stdin-filename"] !== undefined && !v.stdin) throw new UsageError("--stdin-filename goes with --stdin");
  if (v.stdin && v.fix) throw new UsageError("--stdin cannot write a file: use --fix-dry-run to see the fixes as a diff");
  if (v.stdin && v.staged) throw new UsageError("--stdin and --staged do not go together");
  if (v["cache-location"] !== undefined && !v.cache) throw new UsageError("--cache-location goes with --cache");
  if (v["suppress-all"] && v["prune-suppressions"]) throw new UsageError("--suppress-all and --prune-suppressions do not go together");
  if (v.stdin && (v["suppress-all"] || v["prune-suppressions"])) throw new UsageError("a baseline is written from the files of the repository, not from --stdin");
  if (v.stdin && parsed.positionals.length > 0) throw new UsageError("--stdin lints standard input: name its path with --stdin-filename, not as an argument");
  let positionals = parsed.positionals;
  let command: Options["command"] = "lint";
  if (positionals[0] === "init") {
    command = "init";
    positionals = positionals.slice(1);
    if (positionals.length > 0) throw new UsageError("usage: evio-lint init (in the repository's root)");
  } else if (positionals[0] === "explain") {
    command = "explain";
    positionals = positionals.slice(1);
    if (positionals.length !== 1) throw new UsageError("usage: evio-lint explain RULE");
  }
  const noColor = v["no-color"] === true || (env["NO_COLOR"] !== undefined && env["NO_COLOR"] !== "");
  const forceColor = env["FORCE_COLOR"] !== undefined && env["FORCE_COLOR"] !== "0";
  const color = v.color === true || (!noColor && (forceColor || (format === "stylish" && (typeof isTty === "function" ? isTty() : isTty))));
  return {
    command,
    paths: positionals,
    format,
    fix: v.fix === true,
    unsafeFixes: v["unsafe-fixes"] === true,
    fixDryRun: v["fix-dry-run"] === true,
    ...(v.config !== undefined ? { config: v.config } : {}),
    rules,
    ...(maxWarnings !== undefined ? { maxWarnings } : {}),
    quiet: v.quiet === true,
    color: color && !noColor,
    version: v.version === true,
    help: v.help === true,
    listRules: v["list-rules"] === true,
    ...(v["print-config"] !== undefined ? { printConfig: v["print-config"] } : {}),
    ...(v.stdin ? { stdinFilename: v["stdin-filename"] ?? "stdin.sh" } : {}),
    staged: v.staged === true,
    suppressAll: v["suppress-all"] === true,
    pruneSuppressions: v["prune-suppressions"] === true,
    ...(jobs !== undefined ? { jobs } : {}),
    ...(v.workspace !== undefined ? { workspace: v.workspace as WorkspaceSetting } : {}),
    cache: v.cache === true && v["no-cache"] !== true,
    ...(v["cache-location"] !== undefined ? { cacheLocation: v["cache-location"] } : {}),
    ...(v["output-file"] !== undefined ? { outputFile: v["output-file"] } : {}),
    statistics: v.statistics === true,
    exitZero: v["exit-zero"] === true,
  };
}
