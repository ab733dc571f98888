import type { Snippet } from "../../embed/snippet.js";
import { touchesRanges } from "../../embed/snippet.js";
import type { ShellNode } from "../../parse/shell.js";
import type { Word } from "./command.js";

/** Stands in a word's value for text the host substitutes (a Nix `${...}`): never a real character. */
export const OPAQUE = "\u0000";

const EXPANDING = new Set([
  "expansion",
  "simple_expansion",
  "command_substitution",
  "process_substitution",
  "arithmetic_expansion",
  "brace_expression",
]);

/** Builds Words from a snippet's shell tree; masks opaque runs once so values never contain them. */
export class WordReader {
  private readonly masked: string;
  /** No word of most snippets holds a substituted part: then none need looking for one. */
  private readonly anyOpaque: boolean;

  constructor(private readonly snippet: Snippet) {
    let text = snippet.text;
    if (snippet.opaque.length > 0) {
      const chars = text.split("");
      for (const r of snippet.opaque) for (let i = r.start; i < r.end; i++) chars[i] = OPAQUE;
      text = chars.join("");
    }
    this.masked = text;
    this.anyOpaque = text.includes(OPAQUE);
  }

  word(node: ShellNode): Word {
    return this.wordFor(node, node.startIndex, node.endIndex, this.value(node));
  }

  /** A word made of part of a node (`--package=X` style slices are done on Word, not here). */
  wordFor(node: ShellNode | null, start: number, end: number, value: string | null): Word {
    const range = this.snippet.map.toHostRange({ start, end });
    const placeholder = touchesRanges(this.snippet.placeholders, { start, end });
    const text = this.snippet.host.text.slice(range.start, range.end);
    return {
      value: placeholder ? text : value === null ? null : collapseOpaque(value),
      text,
      range,
      placeholder,
      opaque: touchesRanges(this.snippet.opaque, { start, end }) || (node !== null && this.hostSubstituted(start, end)),
    };
  }

  /** The static value the shell gives this node, or null when it expands at run time. */
  value(node: ShellNode): string | null {
    switch (node.type) {
      case "word":
      case "number":
        return unescapeBare(this.slice(node));
      case "raw_string":
        return this.slice(node).slice(1, -1);
      case "ansi_c_string":
        return this.slice(node).slice(2, -1);
      case "string":
      case "translated_string": {
        let out = "";
        for (const child of node.namedChildren) {
          if (child.type !== "string_content") return null;
          out += unescapeDoubleQuoted(this.slice(child));
        }
        return out;
      }
      case "concatenation": {
        let out = "";
        for (const child of node.namedChildren) {
          const v = this.value(child);
          if (v === null) return null;
          out += v;
        }
        return out;
      }
      default:
        if (EXPANDING.has(node.type)) return null;
        for (const child of node.namedChildren) if (this.value(child) === null) return null;
        return this.slice(node);
    }
  }

  private slice(node: ShellNode): string {
    return this.masked.slice(node.startIndex, node.endIndex);
  }

  private hostSubstituted(start: number, end: number): boolean {
    return this.anyOpaque && this.masked.slice(start, end).includes(OPAQUE);
  }
}

function collapseOpaque(value: string): string {
  return value.includes(OPAQUE) ? value.replace(/\u0000+/g, OPAQUE) : value;
}

function unescapeBare(text: string): string {
  if (!text.includes("\\")) return text;
  return text.replace(/\\\n/g, "").replace(/\\(.)/g, "$1");
}

function unescapeDoubleQuoted(text: string): string {
  if (!text.includes("\\")) return text;
  return text.replace(/\\\n/g, "").replace(/\\([\\"$`])/g, "$1");
}

/** Last path segment of a command word; null when it expands or is host-substituted. */
export function baseName(word: Word | undefined): string | null {
  if (!word || word.value === null || word.placeholder) return null;
  const base = word.value.slice(word.value.lastIndexOf("/") + 1);
  if (base === "" || base.includes(OPAQUE)) return null;
  return base;
}
