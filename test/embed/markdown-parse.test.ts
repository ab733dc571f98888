import { describe, expect, it } from "vitest";
import { DEFAULT_COUNTER_EXAMPLE_MARKERS, markdownSnippets } from "../../src/embed/markdown/blocks.js";
import { isCatalogueCommand } from "../../src/facts/shell/command-words.js";
import { SourceFile } from "../../src/text/source-file.js";

const OPTIONS = { counterExampleMarkers: DEFAULT_COUNTER_EXAMPLE_MARKERS, inlineCode: true, isCommandName: isCatalogueCommand };

describe("Markdown parsing: what CommonMark's container rules decide", () => {
  it("a fence in an ordered item in a block quote, a tab half consumed: content as CommonMark (and commonmark.js) gives it, words at their host columns", () => {
    const text = "> 1. step:\n>\n>    ```bash\n>    uv sync\n>\t\t--frozen\n>    ```\n";
    const host = new SourceFile("docs/guide.md", text);
    const [snippet] = markdownSnippets(host, OPTIONS).snippets;
    expect(snippet?.text).toBe("uv sync\n   --frozen");
    const at = snippet!.text.indexOf("--frozen");
    const start = snippet!.map.toHostRange({ start: at, end: at + "--frozen".length }).start;
    expect(host.positionAt(start)).toMatchObject({ line: 5, column: 4 });
    expect(host.text.slice(start, start + 8)).toBe("--frozen");
  });

  it("20,000 nested block quotes: no stack overflow, the fence after them is still read", () => {
    const text = ">".repeat(20_000) + " deep\n\n```bash\npip install requests\n```\n";
    const { snippets } = markdownSnippets(new SourceFile("docs/deep.md", text), OPTIONS);
    expect(snippets.map((s) => s.text)).toEqual(["pip install requests"]);
  });
});
