import { defineConfig } from "vitest/config";

// Run from a git hook (lefthook's fast tests), GIT_DIR and GIT_INDEX_FILE point at this repo: the
// temp repos the tests make would then `git init`/`git add` into it (and set core.bare). Tests
// always describe their own repos.
for (const name of ["GIT_DIR", "GIT_INDEX_FILE", "GIT_WORK_TREE", "GIT_PREFIX", "GIT_OBJECT_DIRECTORY"]) delete process.env[name];

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    setupFiles: ["test/harness/setup.ts"],
    globalSetup: ["test/harness/bundle.ts"],
    reporters: ["default", "./test/harness/plain-summary.ts"],
    // e2e tests spawn the built CLI and real git; two cores, so keep parallelism modest.
    pool: "forks",
    maxWorkers: 2,
    // Hang guards, not performance checks (those are in `npm run bench`): a shared, loaded
    // machine can take tens of seconds for a 20,000-file walk that takes 3 s when idle.
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
