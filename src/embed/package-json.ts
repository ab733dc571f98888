import { posix } from "node:path";
import { findNodeAtLocation, parseTree, printParseErrorCode, type ParseError } from "jsonc-parser";
import type { ParseProblem } from "../parse/problem.js";
import { OffsetMapBuilder, type OffsetMap } from "../text/offset-map.js";
import type { SourceFile } from "../text/source-file.js";
import { makeSnippet, type Escaper, type Snippet } from "./snippet.js";

export function packageJsonSnippets(host: SourceFile): { snippets: Snippet[]; problems: ParseProblem[] } {
  const errors: ParseError[] = [];
  const root = parseTree(host.text, errors, { disallowComments: true, allowTrailingComma: false });
  const problems = errors.map((e) => ({
    message: `Invalid JSON: ${words(printParseErrorCode(e.error))}.`,
    range: { start: e.offset, end: e.offset + e.length },
  }));
  const scripts = root ? findNodeAtLocation(root, ["scripts"]) : undefined;
  const snippets: Snippet[] = [];
  for (const property of scripts?.type === "object" ? (scripts.children ?? []) : []) {
    const value = property.children?.[1];
    if (value?.type !== "string" || typeof value.value !== "string" || value.value.trim() === "") continue;
    const { text, map } = jsonStringSource(host.text, value.offset, value.offset + value.length);
    snippets.push(
      makeSnippet({
        host,
        text,
        language: "shell",
        map,
        origin: "package-json:shell",
        escape: jsonEscaper,
        // npm, pnpm and yarn run a package's scripts in the package's folder.
        cwd: posix.dirname(host.path),
      }),
    );
  }
  return { snippets, problems };
}

/** Turns `\"`, `\\`, `\n`, `\u00e9` ... into their characters, each an opaque run over its escape. */
export function jsonStringSource(text: string, start: number, end: number): { text: string; map: OffsetMap } {
  const b = new OffsetMapBuilder();
  let i = start + 1;
  const close = text[end - 1] === '"' && end - 1 > start ? end - 1 : end;
  while (i < close) {
    const c = text[i]!;
    if (c !== "\\") {
      b.verbatim(c, i++);
      continue;
    }
    const e = text[i + 1] ?? "";
    const length = e === "u" ? 6 : 2;
    const cooked = e === "u" ? String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16) || 0) : (JSON_ESCAPES[e] ?? e);
    b.opaque(cooked, i, Math.min(i + length, close));
    i += length;
  }
  return b.build();
}

const JSON_ESCAPES: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };

export const jsonEscaper: Escaper = (text) => JSON.stringify(text).slice(1, -1);

/** `PropertyNameExpected` -> `property name expected` */
function words(code: string): string {
  return code.replace(/(?<=[a-z])(?=[A-Z])/g, " ").toLowerCase();
}
