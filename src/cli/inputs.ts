import { execFileSync } from "node:child_process";
import path from "node:path";
import picomatch from "picomatch";
import type { Config } from "../config/load.js";
import { classify, isNeverLinted, listFiles, selectFiles, type DiscoveredFile } from "../discover/files.js";
import { GitIndex } from "../discover/git-index.js";
import type { AnyRule } from "../engine/define-rule.js";
import { createEnv, type LintEnv } from "../engine/run.js";
import { applyScope } from "../engine/scope.js";
import { readInsideRoot } from "../discover/inside-root.js";
import { stampOf, writeAtomic, WriteRefused, type ReadStamp } from "../fix/write.js";
import { UsageError } from "./options.js";

export { discoveryStart, relativeTo, rootTargets } from "./targets.js";

/** Where the linted text comes from and where fixed text goes: the working tree, stdin, or git's index. */
export interface Input {
  readonly files: readonly DiscoveredFile[];
  /** how many files were chosen before a repo with no uv workspace kept only Python-looking ones */
  readonly chosen: number;
  readonly env: LintEnv;
  read(file: DiscoveredFile): Buffer | null;
  /** Write fixed text; returns why it was not written, or null when it was. */
  write(file: DiscoveredFile, content: string): string | null;
}

interface Common {
  readonly root: string;
  readonly config: Config;
  readonly rules: readonly AnyRule[];
  /** explicit targets, posix relative to the root */
  readonly targets: readonly string[];
  /** where notes about the run go (the walk limit) */
  readonly stderr?: (s: string) => void;
}

/** The working tree; `chosen` skips listing (the cache listed) or also selection (a worker's share, the cache's misses). */
export function workingTree({ root, config, rules, targets, stderr = (s) => void process.stderr.write(s), writes = false }: Common & { readonly writes?: boolean }, chosen?: { files?: readonly DiscoveredFile[]; all: readonly string[] }): Input & { all: readonly string[] } {
  const all =
    chosen?.all ??
    listFiles(root, (limit) => stderr(`evio-lint: ${root} is not a git work tree; stopped listing files at ${limit.toLocaleString("en")} (run evio-lint inside the repository, or name the files to lint)\n`));
  const stamps = new Map<string, ReadStamp | undefined>();
  const env = applyScope(createEnv({ rootAbs: root, config, rules, files: all }), all);
  const files = chosen?.files ?? selectFiles(root, all, { targets: targets.filter((t) => !isNeverLinted(t)), ignores: config.ignores });
  return {
    all,
    ...inScope(env, files),
    env,
    read: (file) => {
      const abs = path.join(root, file.path);
      const bytes = readInsideRoot(root, abs);
      if (bytes === undefined) return null; // a link out of the repository, or gone
      // What the file was, to notice an edit made while its fixes were computed; only a run that writes needs it.
      if (writes) stamps.set(file.path, stampOf(abs, bytes));
      return bytes;
    },
    write: (file, content) =>
      writes ? refusal(() => writeAtomic(path.join(root, file.path), content, stamps.get(file.path))) : "this run was not started to write fixes",
  };
}

/** Text from stdin linted as if it were `rel` (an editor's unsaved buffer); workspace facts from disk. */
export function standardInput({ root, config, rules }: Common, rel: string, text: string): Input {
  const ignored = isNeverLinted(rel) || (config.ignores.length > 0 && picomatch(config.ignores as string[], { dot: true })(rel));
  const file = { path: rel, kind: classify(root, rel) };
  const all = listFiles(root);
  const env = applyScope(createEnv({ rootAbs: root, config, rules, files: all }), all);
  return {
    ...inScope(env, ignored ? [] : [file]),
    env,
    read: () => Buffer.from(text, "utf8"),
    write: () => "standard input cannot be written",
  };
}

/**
 * What a commit would record: the staged content of staged files, with the workspace model and
 * the file index read from the index too. A fix is written and re-staged only when the working
 * copy equals the staged copy, so unstaged work is never touched.
 */
export async function stagedFiles({ root, config, rules, targets }: Common): Promise<Input> {
  const opened = await GitIndex.openStaged(root);
  if (!opened) throw new UsageError(`--staged needs a git repository; ${root} is not in one`);
  const { index, staged } = opened;
  const selected = selectFiles(root, staged, { targets, ignores: config.ignores }).filter((f) => staged.includes(f.path));
  // One `git cat-file` for the workspace model's files and the staged ones.
  const fileSource = index.fileSource(selected.map((f) => f.path));
  const env = applyScope(createEnv({ rootAbs: root, config, rules, files: index.list(), fileSource }), index.list());
  const { files, chosen } = inScope(env, selected);
  return {
    files,
    chosen,
    env,
    read: (file) => index.read(file.path),
    write: (file, content) => {
      const abs = path.join(root, file.path);
      const working = readInsideRoot(root, abs) ?? null;
      const stagedBytes = index.read(file.path);
      if (working === null || stagedBytes === null || !working.equals(stagedBytes)) {
        return "the file has unstaged changes; fix it in the working tree and stage it again";
      }
      return refusal(() => {
        writeAtomic(abs, content);
        execFileSync("git", ["add", "--", file.path], { cwd: root, stdio: "ignore" });
        // `git add` takes the mode from the working tree; keep the mode the index recorded.
        const mode = index.mode(file.path);
        if (mode === "100755" || mode === "100644") {
          execFileSync("git", ["update-index", `--chmod=${mode === "100755" ? "+x" : "-x"}`, "--", file.path], { cwd: root, stdio: "ignore" });
        }
      });
    },
  };
}

/** The chosen files a run lints: in a repo with no uv workspace, only the Python-looking ones. */
function inScope(env: LintEnv, files: readonly DiscoveredFile[]): { files: readonly DiscoveredFile[]; chosen: number } {
  const scope = env.noWorkspace;
  return { files: scope ? files.filter((f) => scope.lints(f.path)) : files, chosen: files.length };
}

/** Run a write; a refusal (symlink, hard link, concurrent edit, EACCES, ENOSPC...) becomes its reason. */
function refusal(write: () => void): string | null {
  try {
    write();
    return null;
  } catch (e) {
    if (e instanceof WriteRefused) return e.message;
    return (e as Error).message;
  }
}
