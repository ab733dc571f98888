import { loadTomlParser } from "../../src/parse/toml.js";

// Unit tests parse TOML and build workspace models directly; the CLI, the engine and the language
// server load the range parser themselves (test/e2e/startup.test.ts runs them as real processes).
await loadTomlParser();
