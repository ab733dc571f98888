import { createRequire } from "node:module";

// node:crypto loads some twenty of Node's internal modules: it is required on the first hash,
// which a lint run without --fix, --cache or a fingerprinting format never takes.
const require = createRequire(import.meta.url);
let crypto: typeof import("node:crypto") | undefined;
const load = (): typeof import("node:crypto") => (crypto ??= require("node:crypto") as typeof import("node:crypto"));

export function hexDigest(algorithm: "sha1" | "sha256", data: string | Uint8Array): string {
  return load().createHash(algorithm).update(data).digest("hex");
}

export function randomHex(bytes: number): string {
  return load().randomBytes(bytes).toString("hex");
}
