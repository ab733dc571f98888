import type { Nodes, RootContent } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { parseMarkdown, type MdBlock, type MdInlineCode } from "../../src/parse/markdown.js";

/**
 * What the embedder reads from a Markdown tree, in one shape for both parsers: blocks in order
 * and nesting, paragraph and heading content ranges, code blocks (language, content, first
 * line) and code spans (range, content).
 */
export type Projected =
  | { t: "paragraph"; from: number; to: number; codes: Span[] }
  | { t: "heading"; depth: number; from: number | null; to: number | null; codes: Span[] }
  | { t: "code"; lang: string | null; value: string; line: number }
  | { t: "list"; items: Projected[][] }
  | { t: "blockquote"; children: Projected[] }
  | { t: "other" };

export type Span = [from: number, to: number, value: string];

const lineOf = (text: string, offset: number): number => text.slice(0, offset).split(/\r\n?|\n/).length - 1;

/**
 * mdast keeps a span's line breaks and the next line's indentation in its value, where CommonMark
 * strips the indentation and reads the break as a space: values are compared up to whitespace
 * here (the embedder splits them into words), exactly in the spec and commonmark.js tests.
 */
const foldSpace = (value: string): string => value.replace(/\s+/g, " ").trim();

export function projectOurs(text: string): Projected[] {
  const span = (c: MdInlineCode): Span => [c.from, c.to, foldSpace(c.value)];
  const block = (b: MdBlock): Projected => {
    switch (b.type) {
      case "paragraph":
        return { t: "paragraph", from: b.from, to: b.to, codes: b.codes.map(span) };
      case "heading":
        return { t: "heading", depth: b.depth, from: b.from < b.to ? b.from : null, to: b.from < b.to ? b.to : null, codes: b.codes.map(span) };
      case "code":
        return { t: "code", lang: b.lang, value: b.value, line: lineOf(text, b.from) };
      case "list":
        return { t: "list", items: b.items.map((item) => item.map(block)) };
      case "blockquote":
        return { t: "blockquote", children: b.children.map(block) };
      case "other":
        return { t: "other" };
    }
  };
  return parseMarkdown(text).children.map(block);
}

export function projectMicromark(text: string): Projected[] {
  const start = (n: Nodes): number => n.position!.start.offset!;
  const end = (n: Nodes): number => n.position!.end.offset!;
  const spans = (n: Nodes): Span[] => {
    if (n.type === "inlineCode") return [[start(n), end(n), foldSpace(n.value)]];
    return "children" in n ? (n.children as Nodes[]).flatMap(spans) : [];
  };
  const block = (n: RootContent): Projected => {
    switch (n.type) {
      case "paragraph":
        return { t: "paragraph", from: start(n.children[0]!), to: end(n.children[n.children.length - 1]!), codes: spans(n) };
      case "heading": {
        const first = n.children[0];
        const last = n.children[n.children.length - 1];
        return { t: "heading", depth: n.depth, from: first ? start(first) : null, to: last ? end(last) : null, codes: spans(n) };
      }
      case "code":
        return { t: "code", lang: n.lang ?? null, value: n.value.replace(/\r\n?/g, "\n"), line: n.position!.start.line - 1 };
      case "list":
        return { t: "list", items: n.children.map((item) => item.children.map(block)) };
      case "blockquote":
        return { t: "blockquote", children: n.children.map(block) };
      default:
        return { t: "other" };
    }
  };
  return fromMarkdown(text).children.map(block);
}

/** Code blocks and code spans in document order, as the spec's HTML shows them. */
export type Extracted = { block: string | null; content: string } | { span: string };

export function extractOurs(text: string): Extracted[] {
  const out: Extracted[] = [];
  const walk = (b: MdBlock): void => {
    if (b.type === "code") out.push({ block: b.lang, content: b.value });
    else if (b.type === "paragraph" || b.type === "heading") for (const c of b.codes) out.push({ span: c.value });
    else if (b.type === "list") b.items.forEach((item) => item.forEach(walk));
    else if (b.type === "blockquote") b.children.forEach(walk);
  };
  parseMarkdown(text).children.forEach(walk);
  return out;
}

const unescapeHtml = (s: string): string => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&amp;/g, "&");

/**
 * From the spec's expected HTML. A block's content there ends every line with `\n`; the tree's
 * value (mdast's convention, which the embedder keeps) has no final line break.
 */
export function extractHtml(html: string): Extracted[] {
  const out: Extracted[] = [];
  for (const m of html.matchAll(/<pre><code(?: class="language-([^"]*)")?>([\s\S]*?)<\/code><\/pre>|<code>([\s\S]*?)<\/code>/g)) {
    if (m[3] !== undefined) out.push({ span: unescapeHtml(m[3]) });
    else out.push({ block: m[1] === undefined ? null : unescapeHtml(m[1]), content: unescapeHtml(m[2]!).replace(/\n$/, "") });
  }
  return out;
}
