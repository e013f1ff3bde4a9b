/**
 * The demo that local mode seeds on first start. Passwords are fixed so the
 * sign-in details can be printed on every start; they exist only in the
 * local user pool.
 */
export interface DemoUser {
  email: string;
  password: string;
  description: string;
}

export const DEMO_ADMIN: DemoUser = {
  email: "admin@firm.example",
  password: "Demo-Admin-2025!",
  description: "firm admin",
};

export const DEMO_STAFF: DemoUser = {
  email: "staff@firm.example",
  password: "Demo-Staff-2025!",
  description: "firm staff, owns both demo workspaces",
};

export interface DemoOrganisation {
  clientName: string;
  workspaceName: string;
  /** Contact created with a known password, so the client view can be tried at once. */
  contact: DemoUser;
  /** Contact added through the API only, so an invitation e-mail lands in the outbox. */
  invitedEmail: string;
}

export const NORTHWIND: DemoOrganisation = {
  clientName: "Northwind Traders",
  workspaceName: "Northwind Traders – FY2025 year-end close",
  contact: { email: "controller@northwind.example", password: "Demo-Client-2025!", description: "Northwind Traders contact" },
  invitedEmail: "ap@northwind.example",
};

export const CONTOSO: DemoOrganisation = {
  clientName: "Contoso Dental",
  workspaceName: "Contoso Dental – 2025 tax return",
  contact: { email: "office@contoso-dental.example", password: "Demo-Client-2025!", description: "Contoso Dental contact" },
  invitedEmail: "owner@contoso-dental.example",
};

export const REQUEST_CSV_HEADER = ["title", "description", "category", "assignee", "due_date", "sensitivity"] as const;

type RequestRow = Record<(typeof REQUEST_CSV_HEADER)[number], string>;

/** Quotes a CSV field when it contains a comma, quote or line break (RFC 4180). */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * Builds a year-end request list ("prepared by client" list) in the import
 * format. Due dates count from `today`, so the demo always looks current.
 */
export function yearEndRequestCsv(primaryContact: string, secondContact: string, today = new Date()): string {
  const due = (days: number) => isoDate(new Date(today.getTime() + days * 86_400_000));
  const rows: RequestRow[] = [
    {
      title: "Bank statements, all operating accounts",
      description: "Monthly statements January through December for every operating, payroll and savings account.",
      category: "Cash",
      assignee: primaryContact,
      due_date: due(7),
      sensitivity: "confidential",
    },
    {
      title: "Year-end bank reconciliations",
      description: "December 31 reconciliations, with outstanding checks and deposits in transit listed.",
      category: "Cash",
      assignee: primaryContact,
      due_date: due(10),
      sensitivity: "confidential",
    },
    {
      title: "Form W-9 for new vendors",
      description: "A signed W-9 for each vendor paid $600 or more this year that we do not have on file.",
      category: "Vendors",
      assignee: secondContact,
      due_date: due(14),
      sensitivity: "confidential",
    },
    {
      title: "Trial balance",
      description: "Unadjusted trial balance as of December 31, exported from the accounting system (Excel or CSV).",
      category: "General ledger",
      assignee: primaryContact,
      due_date: due(7),
      sensitivity: "internal",
    },
    {
      title: "Fixed asset additions and disposals",
      description: "Invoices for additions over $2,500 and a list of assets sold, scrapped or traded in, with dates.",
      category: "Fixed assets",
      assignee: primaryContact,
      due_date: due(21),
      sensitivity: "internal",
    },
    {
      title: "Payroll registers and Q4 Form 941",
      description: "Annual payroll summary by employee, Q4 941, and the W-3 transmittal.",
      category: "Payroll",
      assignee: secondContact,
      due_date: due(14),
      sensitivity: "restricted",
    },
    {
      title: "Loan agreements and amortization schedules",
      description: "New or amended loan agreements, and lender statements showing the December 31 balance.",
      category: "Debt",
      assignee: primaryContact,
      due_date: due(21),
      sensitivity: "confidential",
    },
    {
      title: "Photo ID of the signing officer",
      description: "A clear photo or scan of a government-issued ID, for identity verification before e-filing.",
      category: "Compliance",
      assignee: primaryContact,
      due_date: due(30),
      sensitivity: "restricted",
    },
    {
      title: "Receipts for expenses over $2,500",
      description: 'Receipts for the items on the "large expenses" tab; photos from a phone are fine.',
      category: "Expenses",
      assignee: secondContact,
      due_date: due(30),
      sensitivity: "internal",
    },
    {
      title: "Organization chart",
      description: "Current org chart with names and titles of officers and department heads.",
      category: "Governance",
      assignee: "",
      due_date: due(45),
      sensitivity: "internal",
    },
  ];
  const lines = [REQUEST_CSV_HEADER.join(",")];
  for (const row of rows) lines.push(REQUEST_CSV_HEADER.map((column) => csvField(row[column])).join(","));
  return `${lines.join("\n")}\n`;
}

/** Requests for the second workspace, created one by one through createRequest. */
export function taxReturnRequests(contact: string, today = new Date()) {
  const due = (days: number) => isoDate(new Date(today.getTime() + days * 86_400_000));
  return [
    { title: "Prior-year tax return", description: "The complete 2024 federal and state returns as filed.", category: "Tax", assignee: contact, dueDate: due(10), sensitivity: "confidential" as const },
    { title: "Equipment purchase invoices", description: "Invoices for dental equipment bought this year, for depreciation.", category: "Fixed assets", assignee: contact, dueDate: due(20), sensitivity: "internal" as const },
    { title: "Estimated tax payment confirmations", description: "Confirmations of the four quarterly estimated payments.", category: "Tax", assignee: contact, dueDate: due(20), sensitivity: "confidential" as const },
  ];
}
