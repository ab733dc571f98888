import type { Origin, SnippetLanguage } from "../snippet.js";

// Which fenced blocks the Markdown embedder lints, and as what.

export interface FenceKind {
  readonly language: SnippetLanguage;
  readonly origin: Origin;
  /** `$ ` prompts mark commands; other lines are output */
  readonly console?: boolean;
  /** `<word>` placeholders are made parseable */
  readonly shellLike: boolean;
}

const BASH: FenceKind = { language: "shell", origin: "markdown:bash", shellLike: true };
const CONSOLE: FenceKind = { language: "shell", origin: "markdown:console", console: true, shellLike: true };
const DOCKERFILE: FenceKind = { language: "dockerfile", origin: "markdown:dockerfile", shellLike: true };
const YAML: FenceKind = { language: "yaml", origin: "markdown:yaml", shellLike: false };

/** By the info string's first word, lowercased; any other block is not linted. */
export const FENCE_KINDS: ReadonlyMap<string, FenceKind> = new Map([
  ["sh", BASH],
  ["bash", BASH],
  ["shell", BASH],
  ["zsh", BASH],
  ["console", CONSOLE],
  ["shell-session", CONSOLE],
  ["terminal", CONSOLE],
  ["nix", { language: "nix", origin: "markdown:nix", shellLike: false }],
  ["toml", { language: "toml", origin: "markdown:toml", shellLike: false }],
  ["yaml", YAML],
  ["yml", YAML],
  ["dockerfile", DOCKERFILE],
  ["docker", DOCKERFILE],
]);
