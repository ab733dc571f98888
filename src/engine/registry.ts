import { ruleLoaders } from "../../rules/index.js";
import type { AnyRule } from "./define-rule.js";

export const ruleIds: readonly string[] = Object.keys(ruleLoaders).sort();

let all: Promise<AnyRule[]> | undefined;

export function loadRules(): Promise<AnyRule[]> {
  all ??= Promise.all(ruleIds.map(async (id) => (await ruleLoaders[id]!()).default));
  return all;
}

export async function loadRule(id: string): Promise<AnyRule | undefined> {
  const loader = ruleLoaders[id];
  return loader ? (await loader()).default : undefined;
}
