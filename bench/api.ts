import { createHash } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import {
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { startLocalStack } from "../local/stack";
import { provisionUser } from "../shared/users/provision";

const PASSWORD = "Bench-Password-2026!";

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function timed<T>(run: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await run();
  return [result, performance.now() - started];
}

function minimalPdfOfSize(bytes: number): Buffer {
  const body = Buffer.alloc(bytes, 0x20);
  Buffer.from("%PDF-1.7\n").copy(body, 0);
  Buffer.from("\n%%EOF\n").copy(body, bytes - 7);
  return body;
}

/**
 * Measures the API through the local gateway: request latency, a 50-row
 * import, and the time from the start of an upload until the file is
 * available. Local stand-ins are slower than AWS; the figures compare
 * changes to this code, not deployments.
 */
export async function benchApi(): Promise<Record<string, string>> {
  const dataDir = await mkdtemp(path.join(tmpdir(), "hubsecure-bench-"));
  const stack = await startLocalStack({ dataDir, seed: false, ports: { api: 0, web: 0, dynamodb: 0, s3: 0, cognito: 0 } });
  try {
    const { outputs } = stack;
    await provisionUser({ email: "bench@firm.example", kind: "staff", groups: ["staff"], permanentPassword: PASSWORD });
    const cognito = new CognitoIdentityProviderClient({
      region: outputs.Region,
      endpoint: outputs.CognitoEndpoint,
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
    });
    const auth = await cognito.send(
      new InitiateAuthCommand({
        AuthFlow: "USER_PASSWORD_AUTH",
        ClientId: outputs.UserPoolClientId,
        AuthParameters: { USERNAME: "bench@firm.example", PASSWORD },
      }),
    );
    cognito.destroy();
    const token = auth.AuthenticationResult!.AccessToken!;
    const call = async (method: string, route: string, body?: string, type = "application/json") => {
      const response = await fetch(`${outputs.ApiUrl}${route}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body ? { "content-type": type } : {}) },
        body,
      });
      const json = (await response.json()) as any;
      if (response.status >= 300) throw new Error(`${method} ${route}: ${response.status} ${JSON.stringify(json)}`);
      return json;
    };

    const workspace = await call("POST", "/workspaces", JSON.stringify({ name: "Bench", clientName: "Bench Ltd" }));
    const ws = workspace.workspaceId as string;
    const csv = ["title,description,category,assignee,due_date,sensitivity"]
      .concat(Array.from({ length: 50 }, (_, i) => `Item ${i},Description ${i},Banking,,2026-02-01,confidential`))
      .join("\n");
    const [, importMs] = await timed(() => call("POST", `/workspaces/${ws}/requests/import`, csv, "text/csv"));

    const latencies: number[] = [];
    for (let i = 0; i < 200; i++) {
      const [, ms] = await timed(() => call("GET", `/workspaces/${ws}/requests?limit=50`));
      latencies.push(ms);
    }
    latencies.sort((a, b) => a - b);

    const requestId = (await call("GET", `/workspaces/${ws}/requests?limit=1`)).items[0].requestId as string;
    const bytes = minimalPdfOfSize(20 * 1024 * 1024);
    const [, uploadMs] = await timed(async () => {
      const upload = await call(
        "POST",
        `/workspaces/${ws}/requests/${requestId}/uploads`,
        JSON.stringify({
          fileName: "bench.pdf",
          contentType: "application/pdf",
          size: bytes.length,
          sha256: createHash("sha256").update(bytes).digest("hex"),
        }),
      );
      const form = new FormData();
      for (const [name, value] of Object.entries(upload.fields as Record<string, string>)) form.append(name, value);
      form.append("file", new Blob([new Uint8Array(bytes)]), "bench.pdf");
      const posted = await fetch(upload.url, { method: "POST", body: form });
      if (posted.status >= 300) throw new Error(`upload POST returned ${posted.status}`);
      await call("POST", `/workspaces/${ws}/uploads/${upload.uploadId}/complete`);
      for (;;) {
        const file = await call("GET", `/workspaces/${ws}/files/${upload.fileId}`);
        if (file.status !== "processing") {
          if (file.status !== "available") throw new Error(`bench file was ${file.status}`);
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    });

    return {
      "listRequests (50 items): p50": `${percentile(latencies, 50).toFixed(1)} ms`,
      "listRequests (50 items): p95": `${percentile(latencies, 95).toFixed(1)} ms`,
      "importRequests (50 rows)": `${importMs.toFixed(0)} ms`,
      "20 MiB upload to available": `${uploadMs.toFixed(0)} ms`,
    };
  } finally {
    await stack.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}
