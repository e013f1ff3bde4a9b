import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { FUNCTIONS_DIR } from "../../infra/paths";
import { FUNCTION_NAMES } from "./synth-stack";

// The stack tests bundle stub entries, so this checks that `cdk synth`
// finds a real entry, exporting `handler`, for every function it builds.
describe("function entries", () => {
  it.each(FUNCTION_NAMES)("%s exports a handler", (name) => {
    const entry = path.join(FUNCTIONS_DIR, `${name}.ts`);
    expect(fs.existsSync(entry), `${entry} is missing`).toBe(true);
    const source = fs.readFileSync(entry, "utf8");
    const exportsHandler =
      /export\s+(const|async\s+function|function)\s+handler\b|export\s*\{[^}]*\bhandler\b[^}]*\}/;
    expect(source).toMatch(exportsHandler);
  });
});
