/**
 * Markdown shaped like a Python monorepo's docs (issue 12: "2 MB of real-shaped docs"): headings,
 * paragraphs with inline code and emphasis, fences at the top level, in lists (nested, tight and
 * loose) and in block quotes, `~~~` fences, indented code, pipe tables (plain paragraphs in
 * CommonMark), HTML comments with suppression directives, links, counter-example markers.
 * Deterministic for a seed. Used by `npm run bench` and by the micromark comparison test.
 */
export function synthDocs(targetChars: number, seed = 7): string[] {
  let state = seed;
  const pick = (n: number): number => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state % n;
  };
  const words = ["the", "workspace", "member", "uses", "uv", "sync", "to", "install", "dependencies", "from", "lock", "file", "and", "nix", "develop", "shell", "provides", "python", "tools", "for", "each", "package"];
  const sentence = (n: number): string => Array.from({ length: n }, () => words[pick(words.length)]).join(" ");
  const spans = ["`uv sync`", "`uv run --package app-3 python -m app`", "`pip install requests`", "`flake.nix`", "``pyproject.toml``", "`nix develop`", "`` `uv lock` ``"];
  const span = (): string => spans[pick(spans.length)]!;
  const docs: string[] = [];
  for (let total = 0, d = 0; total < targetChars; d++) {
    const parts = [`# Document ${d}\n\n<!-- evio-lint-disable-next-line uv-run-package -- example -->\n`];
    for (let section = 0; section < 8; section++) {
      const app = `app-${pick(9)}`;
      parts.push(
        `\n## Section ${section}\n\n${sentence(12)} ${span()} ${sentence(8)}.\n${sentence(10)} **${sentence(2)}** ${span()}, see [the guide](docs/${app}.md).\n`,
        `\n\`\`\`bash\nnix develop\nuv sync --all-packages\nuv run --package ${app} python -m app.main  # run it\n\`\`\`\n`,
        `\n- ✅ ${sentence(5)} ${span()}\n- ❌ **NEVER** ${sentence(4)} ${span()}\n- step ${pick(5)}:\n\n  \`\`\`console\n  $ uv add --package ${app} polars\n  Resolved 12 packages\n  \`\`\`\n\n  1. nested ${span()}\n  2. more ${sentence(3)}\n\n     \`\`\`sh\n     uv lock --check\n     \`\`\`\n`,
        `\n> **Note:** ${sentence(9)} ${span()}\n> ${sentence(7)}\n>\n> \`\`\`nix\n> { pkgs, ... }: {\n>   packages = [ pkgs.uv ];\n> }\n> \`\`\`\n`,
        `\n| tool | command |\n| --- | --- |\n| uv | ${span()} |\n| nix | ${span()} |\n`,
        `\n<!-- ${sentence(4)} -->\n\n    indented code ${pick(100)}\n\n~~~toml\n[project]\nname = "${app}"\ndependencies = ["requests>=2"]\n~~~\n`,
        `\n### Before\n\n\`\`\`bash\npip install -r requirements.txt\n\`\`\`\n\n*Don't* ${sentence(6)}:\n\n\`\`\`sh\ncd packages/${app} && python -m ${app}\n\`\`\`\n`,
      );
    }
    const doc = parts.join("");
    docs.push(doc);
    total += doc.length;
  }
  return docs;
}
