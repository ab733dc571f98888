import type { Node } from "web-tree-sitter";
import type { Snippet } from "../../embed/snippet.js";
import type { Range } from "../../text/range.js";
import type { NixLocation } from "./facts.js";
import type { NixUnit } from "./values.js";

/** Places nodes: host ranges for the snippet being linted, raw offsets elsewhere. */
export class Locator {
  constructor(
    readonly current: NixUnit,
    readonly snippet: Snippet,
  ) {}

  at(unit: NixUnit, start: number, end: number): NixLocation {
    if (unit !== this.current) return { file: unit.file, range: { start, end }, here: false };
    return { file: unit.file, range: this.snippet.map.toHostRange({ start, end }), here: true };
  }

  node(unit: NixUnit, node: Node): NixLocation {
    return this.at(unit, node.startIndex, node.endIndex);
  }

  /** The host range that removes an element: its whole line (and trailing comment) when alone on it, else it and one blank. */
  removal(unit: NixUnit, node: Node): Range | undefined {
    if (unit !== this.current || !this.snippet.map.isVerbatim({ start: node.startIndex, end: node.endIndex })) return undefined;
    const text = this.snippet.host.text;
    const { start, end } = this.snippet.map.toHostRange({ start: node.startIndex, end: node.endIndex });
    const lineStart = text.lastIndexOf("\n", start - 1) + 1;
    let lineEnd = text.indexOf("\n", end);
    if (lineEnd === -1) lineEnd = text.length;
    const before = text.slice(lineStart, start);
    const after = text.slice(end, lineEnd).replace(/\r$/, "");
    if (/^[ \t]*$/.test(before) && /^[ \t]*(#.*)?$/.test(after)) return { start: lineStart, end: Math.min(text.length, lineEnd + 1) };
    if (/[ \t]/.test(text[end] ?? "")) return { start, end: end + 1 };
    if (/[ \t]/.test(text[start - 1] ?? "")) return { start: start - 1, end };
    return { start, end };
  }
}
