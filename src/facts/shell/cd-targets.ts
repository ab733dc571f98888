import path from "node:path";
import type { Cwd, CwdChange, Word } from "./command.js";

/** Where `cd`, `pushd` and `-C`/`--directory` options lead, and how a `cd` is joined to what follows it. */

/** The directory `target` names, seen from `from`; absolute targets are placed against the root. */
export function cdTarget(rootAbs: string, from: Cwd, target: Word): Cwd {
  if (target.placeholder || target.opaque) return { kind: "unknown" };
  const v = target.value;
  if (v === null) return isToplevel(target.text) ? { kind: "known", path: "." } : { kind: "unknown" };
  if (v === "-" || v === "") return { kind: "unknown" };
  if (v.startsWith("~")) return { kind: "outside" };
  if (v.startsWith("/")) {
    const rel = path.relative(rootAbs, v);
    if (rel.startsWith("..") || path.isAbsolute(rel)) return { kind: "outside" };
    return { kind: "known", path: rel === "" ? "." : rel.split(path.sep).join("/") };
  }
  if (from.kind !== "known") return { kind: "unknown" };
  const joined = path.posix.normalize(path.posix.join(from.path, v));
  if (joined === ".." || joined.startsWith("../")) return { kind: "outside" };
  return { kind: "known", path: joined.replace(/\/$/, "") || "." };
}

/** What follows the statement that ends at `end`: `&&`, `||`, `;` or the end of its line. */
export function joiner(text: string, end: number): { joinedBy?: CwdChange["joinedBy"] } {
  let i = end;
  while (i < text.length && (text[i] === " " || text[i] === "\t")) i++;
  if (text.startsWith("&&", i)) return { joinedBy: "&&" };
  if (text.startsWith("||", i)) return { joinedBy: "||" };
  if (text[i] === ";" && text[i + 1] !== ";") return { joinedBy: ";" };
  if (text[i] === "#" && i > end) i = text.indexOf("\n", i); // `cd a  # why` ends its line too
  if (text[i] === "\n" || text[i] === "\r") return { joinedBy: "newline" };
  return {};
}

/** `cd "$(git rev-parse --show-toplevel)"` goes to the root. */
function isToplevel(text: string): boolean {
  const inner = text.replace(/^"|"$/g, "");
  return /^\$\(\s*git\s+rev-parse\s+--show-toplevel\s*\)$/.test(inner);
}
