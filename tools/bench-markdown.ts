import { performance } from "node:perf_hooks";
import { fromMarkdown } from "mdast-util-from-markdown";
import { markdownSnippets } from "../src/embed/markdown/blocks.js";
import { DEFAULT_COUNTER_EXAMPLE_MARKERS } from "../src/embed/markdown/markers.js";
import { parseMarkdown } from "../src/parse/markdown.js";
import { SourceFile } from "../src/text/source-file.js";
import { isCatalogueCommand } from "../src/facts/shell/command-words.js";
import { synthDocs } from "./synth-docs.js";

// Issue 12: the Markdown parser's MB/s on 2 MB of real-shaped docs, before (micromark + mdast,
// kept as a devDependency for this) and after (src/parse/markdown.ts), side by side in one run.

const RUNS = 5;

interface Parser {
  readonly name: string;
  readonly parse: (text: string) => unknown;
}

const PARSERS: readonly Parser[] = [
  { name: "before: micromark + mdast-util-from-markdown", parse: (t) => fromMarkdown(t) },
  { name: "after: src/parse/markdown.ts (@lezer/markdown)", parse: (t) => parseMarkdown(t) },
  {
    name: "after, with the embedder (markdownSnippets)",
    parse: (t) => markdownSnippets(new SourceFile("docs/guide.md", t), { counterExampleMarkers: DEFAULT_COUNTER_EXAMPLE_MARKERS, inlineCode: true, isCommandName: isCatalogueCommand }),
  },
];

/**
 * Median seconds of RUNS passes over all docs per parser, after one pass over a tenth of them.
 * The passes take turns (before, after, after, before, ...) so that load from other processes
 * falls on all of them alike.
 */
function times(docs: readonly string[]): number[] {
  for (const parser of PARSERS) for (const doc of docs.slice(0, Math.ceil(docs.length / 10))) parser.parse(doc);
  const passes: number[][] = PARSERS.map(() => []);
  for (let run = 0; run < RUNS; run++) {
    PARSERS.forEach((parser, i) => {
      const start = performance.now();
      for (const doc of docs) parser.parse(doc);
      passes[i]!.push((performance.now() - start) / 1000);
    });
  }
  return passes.map((p) => p.sort((a, b) => a - b)[Math.floor(RUNS / 2)]!);
}

export function markdownRows(): { header: string[]; rows: string[][]; micromarkMbPerSecond: number } {
  const docs = synthDocs(2_000_000);
  const mb = docs.reduce((n, d) => n + d.length, 0) / 1e6;
  const seconds = times(docs);
  const before = seconds[0]!;
  const rows = PARSERS.map((p, i) => [p.name, (mb / seconds[i]!).toFixed(2), (before / seconds[i]!).toFixed(2)]);
  return { header: [`Markdown parser, ${docs.length} docs, ${mb.toFixed(2)} MB, median of ${RUNS}`, "MB/s", "x before"], rows, micromarkMbPerSecond: mb / before };
}
