import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { App, Stack, type CfnResource } from "aws-cdk-lib";
import type { IConstruct } from "constructs";
import { Template } from "aws-cdk-lib/assertions";
import { HubSecureStack, type HubSecureStackProps } from "../../infra/hubsecure-stack";
import { REPO_ROOT } from "../../infra/paths";
import { FUNCTION_GROUPS } from "../../shared/api/routes";

/** Entry file names of every function: the API groups, the file processor and the upload sweeper. */
export const FUNCTION_NAMES: readonly string[] = [...FUNCTION_GROUPS, "file-processor", "upload-sweeper"];

export interface SynthesizedStack {
  app: App;
  stack: HubSecureStack;
  template: Template;
  /** Removes the temporary entry files, web build and cloud assembly. */
  cleanup(): void;
}

/** Feature flags and other context from cdk.json, so tests synthesize what `cdk synth` does. */
function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "cdk.json"), "utf8")) as {
    context?: Record<string, unknown>;
  };
  return cdkJson.context ?? {};
}

/**
 * Writes a minimal handler per function. NodejsFunction requires entries
 * under the project root, so they go to a temporary folder in
 * node_modules/.cache rather than the system temp folder. Bundling them
 * with the real esbuild settings still runs, in milliseconds.
 */
function writeStubEntries(): string {
  const cacheDir = path.join(REPO_ROOT, "node_modules", ".cache");
  fs.mkdirSync(cacheDir, { recursive: true });
  const dir = fs.mkdtempSync(path.join(cacheDir, "hubsecure-infra-test-"));
  for (const name of FUNCTION_NAMES) {
    fs.writeFileSync(
      path.join(dir, `${name}.ts`),
      "export async function handler(): Promise<{ statusCode: number }> {\n  return { statusCode: 200 };\n}\n",
    );
  }
  return dir;
}

function writeWebBuild(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hubsecure-web-dist-"));
  fs.writeFileSync(path.join(dir, "index.html"), "<!doctype html><title>HubSecure</title>\n");
  return dir;
}

/**
 * Synthesizes the whole stack once, with stub function entries and a stub
 * web build, into a temporary cloud assembly.
 */
export function synthesizeStack(props: Pick<HubSecureStackProps, "settings"> = {}): SynthesizedStack {
  const functionsDir = writeStubEntries();
  const webDistDir = writeWebBuild();
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "hubsecure-cdk-out-"));

  const app = new App({ context: cdkJsonContext(), outdir });
  const stack = new HubSecureStack(app, "HubSecure", { ...props, functionsDir, webDistDir });
  const template = Template.fromStack(stack);

  return {
    app,
    stack,
    template,
    cleanup() {
      for (const dir of [functionsDir, webDistDir, outdir]) {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** A resource of the synthesized template, as the tests read it. */
export type TemplateResource = { Type: string; Properties: Record<string, any>; DeletionPolicy?: string };

/** An IAM policy statement of the synthesized template. */
export type TemplateStatement = { Effect?: string; Action: string | string[]; Resource: unknown; Condition?: any };

/** Returns the template's logical id of a construct's CloudFormation resource. */
export function logicalIdIn(stack: Stack, construct: IConstruct): string {
  return Stack.of(stack).getLogicalId(construct.node.defaultChild as CfnResource);
}
