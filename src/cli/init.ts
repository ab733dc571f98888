import fs from "node:fs";
import path from "node:path";
import { Document, isMap, parseDocument } from "yaml";
import { CONFIG_FILE, ConfigError } from "../config/load.js";
import { writeAtomic } from "../fix/write.js";

export const HOOK_COMMAND = "npx evio-lint --staged {staged_files}";

const CONFIG = {
  $schema: "./node_modules/evio-lint/schema/config.schema.json",
  rules: {},
  ignores: [],
};

/**
 * `evio-lint init`: a config with `$schema`, and a pre-commit command in lefthook.yml (created, or
 * merged into an existing file without touching the rest). Running it again changes nothing.
 */
export function init(root: string): string[] {
  const said: string[] = [];
  const configPath = path.join(root, CONFIG_FILE);
  if (fs.existsSync(configPath)) said.push(`${CONFIG_FILE} exists; left as it is`);
  else {
    fs.writeFileSync(configPath, JSON.stringify(CONFIG, null, 2) + "\n");
    said.push(`wrote ${CONFIG_FILE}`);
  }

  const existing = ["lefthook.yml", "lefthook.yaml", ".lefthook.yml", ".lefthook.yaml"].find((f) => fs.existsSync(path.join(root, f)));
  const hookFile = path.join(root, existing ?? "lefthook.yml");
  const text = existing ? fs.readFileSync(hookFile, "utf8") : "";
  let doc = parseDocument(text);
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    throw new ConfigError(`${path.basename(hookFile)}:${e.linePos?.[0]?.line ?? 1}:${e.linePos?.[0]?.col ?? 1}: cannot merge into it: ${e.message.split("\n")[0]}`);
  }
  if (doc.contents === null) doc = new Document({}) as unknown as typeof doc;
  if (!isMap(doc.contents)) throw new ConfigError(`${path.basename(hookFile)}: expected a mapping of hooks at the top level`);
  if (doc.hasIn(["pre-commit", "commands", "evio-lint"])) {
    said.push(`${path.basename(hookFile)} already runs evio-lint before commits; left as it is`);
    return said;
  }
  doc.setIn(["pre-commit", "commands", "evio-lint"], doc.createNode({ run: HOOK_COMMAND }));
  writeAtomicOrCreate(hookFile, doc.toString());
  said.push(`${existing ? "added" : "wrote"} a pre-commit command to ${path.basename(hookFile)}; run \`npx lefthook install\` to install the hook`);
  return said;
}

function writeAtomicOrCreate(file: string, content: string): void {
  if (fs.existsSync(file)) writeAtomic(file, content);
  else fs.writeFileSync(file, content);
}
