import path from "node:path";
import type { FileSource } from "../discover/file-source.js";
import { isCatalogueCommand } from "../facts/shell/command-words.js";
import type { FileKind } from "../discover/kind.js";
import { wholeFileSnippet, makeSnippet, type Origin, type Snippet } from "../embed/snippet.js";
import type { ParseProblem } from "../parse/problem.js";
import type { NixTree } from "../parse/nix.js";
import type { SourceFile } from "../text/source-file.js";
import type { ResolvedConfig } from "../config/load.js";

/** What a file holds for the rules: shell snippets to read commands from, and syntax errors. */
export interface Extracted {
  readonly scripts: Snippet[];
  /** ```toml blocks of documentation (checked only by rules that need no file tree) */
  readonly tomlBlocks: Snippet[];
  readonly problems: { problem: ParseProblem; origin: Origin }[];
  /** paths a document announces it will create */
  readonly announcedPaths: { path: string; range: { start: number; end: number } }[];
  /** Nix parsed from the file or its ```nix blocks, for the Nix fact providers */
  readonly nix: { snippet: Snippet; tree: NixTree }[];
  /** ```nix blocks of documentation that parse neither as they are nor wrapped; a fix must not add one */
  unparsedFragments: number;
}

const empty = (): Extracted => ({ scripts: [], tomlBlocks: [], problems: [], announcedPaths: [], nix: [], unparsedFragments: 0 });

/**
 * Parse a file by kind and pull out the snippets it embeds. Each parser is imported on first use
 * so that a run over shell scripts never loads the Nix or Markdown grammars.
 */
export async function extract(source: SourceFile, kind: FileKind, config: ResolvedConfig, files: FileSource): Promise<Extracted> {
  const out = empty();
  switch (kind) {
    case "shell":
      out.scripts.push(wholeFileSnippet(source, "shell", "shell"));
      break;
    case "nix":
      await nix(wholeFileSnippet(source, "nix", "nix"), out, true, shellDir(files, source.path));
      break;
    case "markdown":
      await markdown(source, out, config);
      break;
    case "yaml": {
      const { yamlRunSnippets, yamlFlavorOf } = await import("../embed/yaml-run.js");
      const r = yamlRunSnippets(wholeFileSnippet(source, "yaml", "yaml"), yamlFlavorOf(source.path));
      out.scripts.push(...r.snippets);
      for (const problem of r.problems) out.problems.push({ problem, origin: "yaml" });
      break;
    }
    case "package-json": {
      const { packageJsonSnippets } = await import("../embed/package-json.js");
      const r = packageJsonSnippets(source);
      out.scripts.push(...r.snippets);
      for (const problem of r.problems) out.problems.push({ problem, origin: "json" });
      break;
    }
    case "makefile": {
      const { makefileSnippets } = await import("../embed/makefile.js");
      out.scripts.push(...makefileSnippets(source));
      break;
    }
    case "dockerfile": {
      const { dockerfileSnippets } = await import("../embed/dockerfile.js");
      out.scripts.push(...dockerfileSnippets(makeSnippet({ ...wholeFileSnippet(source, "dockerfile", "dockerfile:shell"), cwd: null })));
      break;
    }
    case "pyproject":
    case "uv-lock":
    case "toml": {
      const { loadTomlParser, parseToml } = await import("../parse/toml.js");
      await loadTomlParser();
      for (const problem of parseToml(source.text).problems) out.problems.push({ problem, origin: "toml" });
      break;
    }
    case "other":
      break;
  }
  return out;
}

async function nix(parent: Snippet, out: Extracted, reportProblems: boolean, shellDirectory?: string, parsed?: NixTree): Promise<void> {
  const { loadNixParser, parseNix } = await import("../parse/nix.js");
  const { nixShellSnippets } = await import("../embed/nix-strings.js");
  await loadNixParser();
  const tree = parsed ?? parseNix(parent.text);
  out.nix.push({ snippet: parent, tree });
  if (reportProblems) {
    for (const p of tree.problems) out.problems.push({ problem: { message: p.message, range: parent.map.toHostRange(p.range) }, origin: parent.origin });
  }
  out.scripts.push(...nixShellSnippets(parent, tree, shellDirectory !== undefined ? { shellDir: shellDirectory } : {}));
}

async function markdown(source: SourceFile, out: Extracted, config: ResolvedConfig): Promise<void> {
  const { markdownSnippets } = await import("../embed/markdown/blocks.js");
  const md = markdownSnippets(source, {
    counterExampleMarkers: config.markdown.counterExampleMarkers,
    inlineCode: config.markdown.inlineCode !== "off",
    isCommandName: isCatalogueCommand,
  });
  out.announcedPaths.push(...md.announcedPaths);
  for (const s of md.snippets) {
    switch (s.language) {
      case "shell":
        out.scripts.push(s);
        break;
      case "nix": {
        // Docs show fragments (bindings, a list): read as if wrapped; one that does not parse is no finding.
        const { loadNixParser, parseNix } = await import("../parse/nix.js");
        const { nixFragment } = await import("../embed/nix-fragment.js");
        await loadNixParser();
        const fragment = nixFragment(s, parseNix);
        if (!fragment.parses) out.unparsedFragments++;
        await nix(fragment.snippet, out, false, undefined, fragment.tree);
        break;
      }
      case "yaml": {
        const { yamlRunSnippets } = await import("../embed/yaml-run.js");
        out.scripts.push(...yamlRunSnippets(s, "generic").snippets);
        break;
      }
      case "dockerfile": {
        const { dockerfileSnippets } = await import("../embed/dockerfile.js");
        out.scripts.push(...dockerfileSnippets(s));
        break;
      }
      case "toml":
        out.tomlBlocks.push(s);
        break;
    }
  }
}

/**
 * Where `nix develop` (or `nix-shell`) runs a shellHook written in this file: the nearest folder at
 * or above it with a flake.nix or shell.nix (a flake-parts module in nix/ belongs to the root
 * flake), else the file's own folder.
 */
function shellDir(files: FileSource, relPath: string): string {
  const own = path.posix.dirname(relPath);
  for (let dir = own; ; dir = path.posix.dirname(dir)) {
    if (["flake.nix", "shell.nix"].some((f) => files.isFile(path.posix.join(dir, f)))) return dir;
    if (dir === ".") return own;
  }
}
