import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLIENT_EMAIL, expectInputError, startEngagement, type Engagement } from "./engagement";

const HEADER = "title,description,category,assignee,due_date,sensitivity";

let world: Engagement;

beforeAll(async () => {
  world = await startEngagement();
});

afterAll(async () => {
  await world?.portal.close();
});

function importCsv(text: string, contentType = "text/csv") {
  return world.staff.request("POST", `/workspaces/${world.workspaceId}/requests/import`, { text, contentType });
}

async function requestTitles(): Promise<string[]> {
  const titles: string[] = [];
  let nextToken: string | undefined;
  do {
    const query = nextToken ? `?limit=100&nextToken=${nextToken}` : "?limit=100";
    const page = await world.staff.get(`/workspaces/${world.workspaceId}/requests${query}`);
    titles.push(...page.body.items.map((request: any) => request.title));
    nextToken = page.body.nextToken;
  } while (nextToken);
  return titles;
}

function rows(count: number, prefix: string): string {
  return Array.from({ length: count }, (_, index) => `${prefix} ${index + 1},,,,,`).join("\n");
}

describe("rejected imports", () => {
  it.each([
    ["an empty body", "", /row 1 header/],
    ["a header only", `${HEADER}\n`, /row 2 csv: has a header but no request rows/],
    ["semicolons", "title;description;due_date\nA;b;2026-01-31\n", /row 1 header/],
    ["binary bytes", "\u0000\u0001PK\u0003\u0004\u00ff", /row 1 header/],
    ["an unclosed quote", `${HEADER}\nOk,,,,,\n"Never closed,,,,,\n`, /row 3 csv: has a quoted value that is never closed/],
    ["a bad date", `${HEADER}\nA,,,,2026-13-01,\nB,,,,yesterday,\n`, /row 2 due_date.*row 3 due_date/],
    ["an unknown assignee", `${HEADER}\nA,,,${CLIENT_EMAIL},,\nB,,,stranger@elsewhere.example,,\n`, /row 3 assignee: stranger@elsewhere.example/],
    ["an unknown column", "title,owner\nA,me\n", /row 1 header: has unknown column\(s\) owner/],
    ["a duplicate column", "title,title\nA,B\n", /row 1 header: names the column title twice/],
    ["a blank title", `${HEADER}\n   ,Only a description,,,,\n`, /row 2 title: is required/],
    ["too many values", `${HEADER}\nA,b,c,d,e,f,g,h,i\n`, /row 2 row: has 9 values/],
    ["a bad sensitivity", `${HEADER}\nA,,,,,secret\n`, /row 2 sensitivity/],
    ["51 rows", `${HEADER}\n${rows(51, "Too many")}\n`, /has 51 rows; import at most 50/],
    ["a long title", `${HEADER}\n${"t".repeat(301)},,,,,\n`, /row 2 title: is longer than 300/],
  ])("creates nothing for %s", async (_case, csv, message) => {
    const before = await requestTitles();
    const response = await importCsv(csv);
    expectInputError(response, 400, "row");
    expect(response.body.error.message).toMatch(message);
    expect(response.body.error.message).toContain("nothing was created");
    expect(Array.isArray(response.body.error.details)).toBe(true);
    expect(await requestTitles()).toEqual(before);
  });

  it("lists every bad row", async () => {
    const csv = `${HEADER}\nGood,,,,,\n,,,,2026-01-31,\nBad date,,,,2026-02-30,\nBad owner,,,nobody@elsewhere.example,,\n`;
    const response = await importCsv(csv);
    expect(response.status).toBe(400);
    expect(response.body.error.details.map((issue: any) => [issue.row, issue.field])).toEqual([
      [3, "title"],
      [4, "due_date"],
      [5, "assignee"],
    ]);
  });
});

describe("accepted imports", () => {
  it("imports exactly 50 rows", async () => {
    const response = await importCsv(`${HEADER}\n${rows(50, "Fifty")}\n`);
    expect(response.status).toBe(201);
    expect(response.body.created).toBe(50);
  });

  it("reads CRLF line endings", async () => {
    const response = await importCsv(`${HEADER}\r\nCRLF row,Desc,Tax,${CLIENT_EMAIL},2026-01-31,internal\r\n`);
    expect(response.status).toBe(201);
    expect(response.body.items[0]).toMatchObject({ title: "CRLF row", sensitivity: "internal", dueDate: "2026-01-31" });
  });

  it("strips a UTF-8 byte-order mark", async () => {
    const response = await importCsv(`\ufeff${HEADER}\nBOM row,,,,,\n`);
    expect(response.status).toBe(201);
    expect(response.body.items[0].title).toBe("BOM row");
  });

  it("matches the assignee case-insensitively", async () => {
    const response = await importCsv(`${HEADER}\nUpper-case owner,,,${CLIENT_EMAIL.toUpperCase()},,\n`);
    expect(response.status).toBe(201);
    expect(response.body.items[0].assignee.email).toBe(CLIENT_EMAIL);
  });

  it("keeps formula-like values as plain text", async () => {
    const csv = `${HEADER}\n"=HYPERLINK(""http://evil.example"",""Click"")",=1+1,@SUM(A1),,,\n`;
    const response = await importCsv(csv);
    expect(response.status).toBe(201);
    const stored = await world.staff.get(`/workspaces/${world.workspaceId}/requests/${response.body.items[0].requestId}`);
    expect(stored.body).toMatchObject({
      title: '=HYPERLINK("http://evil.example","Click")',
      description: "=1+1",
      category: "@SUM(A1)",
    });
  });

  it("keeps unicode titles intact", async () => {
    const title = "Kontoauszüge – Müller & Söhne 🧾 e\u0301";
    const response = await importCsv(`${HEADER}\n"${title}",,,,,\n`);
    expect(response.status).toBe(201);
    expect(response.body.items[0].title).toBe(title);
  });

  it("accepts columns in any order", async () => {
    const response = await importCsv("due_date,title\n2026-03-31,Reordered\n");
    expect(response.status).toBe(201);
    expect(response.body.items[0]).toMatchObject({ title: "Reordered", dueDate: "2026-03-31" });
  });

  it("audits each created row", async () => {
    const response = await importCsv(`${HEADER}\nAudited one,,,,,\nAudited two,,,,,\n`);
    const audit = await world.staff.get(`/workspaces/${world.workspaceId}/audit?limit=100`);
    for (const item of response.body.items) {
      const events = audit.body.items.filter((event: any) => event.target.id === item.requestId);
      expect(events.map((event: any) => event.action)).toEqual(["request.created"]);
      expect(events[0].details.source).toBe("import");
    }
  });
});

describe("concurrent imports", () => {
  it("creates every row of each", async () => {
    const before = (await requestTitles()).length;
    const imports = await Promise.all(
      Array.from({ length: 6 }, (_, index) => importCsv(`${HEADER}\nParallel ${index} a,,,,,\nParallel ${index} b,,,,,\n`)),
    );
    expect(imports.map((response) => response.status)).toEqual(Array(6).fill(201));
    expect((await requestTitles()).length).toBe(before + 12);
  });
});
