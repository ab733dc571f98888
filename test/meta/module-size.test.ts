import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// Issue 14: no module over ~300 lines without a reason written at its top.
const LIMIT = 300;
const REASON = /^\/\/ One module over 300 lines\b/;

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : e.name.endsWith(".ts") ? [p] : [];
  });
}

describe("module size", () => {
  it(`every module of src/ and rules/ over ${LIMIT} lines says at its top why it is one module`, () => {
    const root = fileURLToPath(new URL("../..", import.meta.url));
    const unexplained = [...sources(path.join(root, "src")), ...sources(path.join(root, "rules"))]
      .map((file) => ({ file: path.relative(root, file), text: fs.readFileSync(file, "utf8") }))
      .filter(({ text }) => text.split("\n").length > LIMIT && !REASON.test(text))
      .map(({ file }) => file);
    expect(unexplained).toEqual([]);
  });
});
