import fs from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import type Parser from "tree-sitter";
import { parseShell, type ShellNode } from "../../src/parse/shell.js";

// parse/shell.ts copies tree-sitter's tree into plain objects (the binding's nodes cross into
// native code on every property read). The copy must be the binding's tree node for node: type,
// range, named/missing/error flags, children, fields and text, on sound and broken scripts alike.

const require = createRequire(import.meta.url);
const TreeSitter = require("tree-sitter") as typeof Parser;
const native = new TreeSitter();
native.setLanguage(require("tree-sitter-bash") as Parser.Language);

const FIELDS = ["name", "value", "body", "condition", "argument", "redirect", "descriptor", "destination", "operator", "left", "right", "index", "alternative", "consequence"];

function same(copy: ShellNode, node: Parser.SyntaxNode, where: string): void {
  const at = `${where}/${node.type}@${node.startIndex}`;
  expect({ type: copy.type, start: copy.startIndex, end: copy.endIndex, named: copy.isNamed, missing: copy.isMissing, error: copy.hasError, text: copy.text }, at).toEqual({
    type: node.type,
    start: node.startIndex,
    end: node.endIndex,
    named: node.isNamed,
    missing: node.isMissing,
    error: node.hasError,
    text: node.text,
  });
  const children = node.children;
  expect(copy.children.length, `${at} children`).toBe(children.length);
  expect(copy.namedChildCount, `${at} named children`).toBe(node.namedChildCount);
  expect(copy.namedChildren.map((c) => c.startIndex), `${at} named children`).toEqual(node.namedChildren.map((c) => c.startIndex));
  children.forEach((child, i) => {
    expect(copy.children[i]!.fieldName, `${at} field of child ${i}`).toBe(node.fieldNameForChild(i) ?? null);
    expect(copy.children[i]!.parent, `${at} parent of child ${i}`).toBe(copy);
    same(copy.children[i]!, child, at);
  });
  for (const field of FIELDS) {
    expect(copy.childForFieldName(field)?.startIndex ?? null, `${at} ${field}`).toBe(node.childForFieldName(field)?.startIndex ?? null);
    expect(copy.childrenForFieldName(field).map((c) => c.startIndex), `${at} ${field}s`).toEqual(node.childrenForFieldName(field).map((c) => c.startIndex));
  }
}

const SCRIPTS: Record<string, string> = {
  lists: "a && pip install x || b; c | d & e\n(cd x && uv sync)\n{ f; g; }\n",
  compound: 'if [ -d a ]; then cd a; elif b; then :; else c; fi\ncase "$x" in a) uv sync ;; *) pip install y ;; esac\nfor i in 1 2; do echo "$i"; done\nwhile read -r l; do :; done < f\nf() { cd "$1" || return; }\n',
  words: "A=1 B=2 env -u C python3 -m pip install 'x>=1' \"y$z\" $'q\\n' ${v:-d} $(uv run a) <(b) `c` {1..3} ~/x *.py\n",
  declarations: "export A=1 B\ndeclare -x C=$(d)\nlocal e=f\nreadonly G\nunset H\narr=(a b \"c\")\narr[1]=x\n",
  redirects: "cat <<EOF >out 2>&1\nhello $name\nEOF\nbash -s <<'X'\npip install y\nX\nexec 3<&0\n",
  runOn: "A=1 B=2 uv sync\npip install x\na | b\nuv run c\n",
  unterminated: "echo 'abc\nuv sync\n",
  missingFi: "if true; then\n  pip install x\n",
  strayParen: "uv run ) python\nfoo (( bar\n",
  unclosedExpansion: "echo ${x\npip install y\n",
  nonAscii: "echo \"données 📦\" && uv run --package é python -m x # café\n",
  empty: "",
};

describe("the plain copy of a shell tree", () => {
  it.each(Object.entries(SCRIPTS))("%s: node for node the binding's tree", (_name, text) => {
    const { root } = parseShell(text);
    // parseShell may repair run-on newlines with `;`: the root's text is what was parsed.
    same(root, native.parse(root.text).rootNode, "");
  });

  it("seed document read as a script (a broken one): node for node the binding's tree", () => {
    const text = fs.readFileSync(new URL("../fixtures/seeds/000_e81a7caadd016c87.txt", import.meta.url), "utf8");
    const { root } = parseShell(text);
    expect(root.hasError).toBe(true);
    same(root, native.parse(root.text, undefined, { bufferSize: text.length * 2 + 2 }).rootNode, "");
  });

  it("descendantsOfType lists the node itself and every node below of the type, in document order", () => {
    const { root } = parseShell("a; (b && c | d)\n");
    const native_ = native.parse("a; (b && c | d)\n").rootNode;
    expect(root.descendantsOfType("command").map((c) => c.text)).toEqual(native_.descendantsOfType("command").map((c) => c.text));
    expect(root.descendantsOfType("program")).toEqual([root]);
  });
});
