import fs from "node:fs";
import path from "node:path";
import { loadConfig, type Config } from "../config/load.js";
import type { SeverityName, WorkspaceSetting } from "../config/schema.js";
import { classify, isNeverLinted, listFiles } from "../discover/files.js";
import { findRoot } from "../discover/root.js";
import { fixText } from "../fix/apply.js";
import { verifyFixedText } from "../cli/verify.js";
import type { AnyRule } from "./define-rule.js";
import { loadRules } from "./registry.js";
import { loadTomlParser } from "../parse/toml.js";
import { createEnv, lintText, type FileReport, type LintEnv } from "./run.js";
import { applyScope } from "./scope.js";
import picomatch from "picomatch";

export interface LinterOptions {
  /** where to start looking for the root */
  readonly cwd: string;
  readonly configPath?: string;
  readonly cliRules?: Record<string, SeverityName>;
  /** overrides the config's `workspace` setting */
  readonly workspace?: WorkspaceSetting;
}

/**
 * A lint session over one root: the rules, config, workspace model and file index, loaded once
 * and reloaded when a pyproject.toml or the config changes. The CLI's `--stdin`, `--staged` and
 * the language server lint through this.
 */
export class Linter {
  private constructor(
    readonly root: string,
    readonly rules: readonly AnyRule[],
    private readonly options: LinterOptions,
    private state: { config: Config; env: LintEnv },
  ) {}

  static async create(options: LinterOptions): Promise<Linter> {
    const root = fs.realpathSync(findRoot(fs.realpathSync(options.cwd)));
    const rules = await loadRules();
    await loadTomlParser();
    return new Linter(root, rules, options, Linter.load(root, rules, options));
  }

  private static load(root: string, rules: readonly AnyRule[], options: LinterOptions) {
    const config = loadConfig(root, rules, {
      ...(options.configPath ? { configPath: options.configPath } : {}),
      ...(options.cliRules ? { cliRules: options.cliRules } : {}),
      cwd: options.cwd,
      workspace: options.workspace,
    });
    const files = listFiles(root);
    return { config, env: applyScope(createEnv({ rootAbs: root, config, rules, files }), files) };
  }

  get config(): Config {
    return this.state.config;
  }

  get env(): LintEnv {
    return this.state.env;
  }

  /** Re-read config, workspace and file index (after a pyproject.toml or the config changed). */
  reload(): void {
    this.state = Linter.load(this.root, this.rules, this.options);
  }

  /** posix path relative to the root, or null for a path outside it */
  relative(absPath: string): string | null {
    const rel = path.relative(this.root, path.resolve(absPath)).split(path.sep).join("/");
    return rel === "" || rel.startsWith("../") || path.isAbsolute(rel) ? null : rel;
  }

  /** Whether the config ignores this path (or it is never linted, or the repo is no uv workspace and it is not Python-looking). */
  ignored(rel: string): boolean {
    if (isNeverLinted(rel) || this.state.env.noWorkspace?.lints(rel) === false) return true;
    const globs = this.state.config.ignores;
    return globs.length > 0 && picomatch(globs as string[], { dot: true })(rel);
  }

  /** Lint `text` as if it were the file at `rel`. */
  lint(rel: string, text: string): Promise<FileReport> {
    return lintText(rel, classify(this.root, rel), text, this.state.env);
  }

  /** The text after applying fixes (safe, or also unsafe). */
  async fix(rel: string, text: string, unsafe = false) {
    return fixText(rel, classify(this.root, rel), text, this.state.env, { unsafe, verify: verifyFixedText });
  }
}
