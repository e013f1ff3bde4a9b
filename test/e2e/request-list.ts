/**
 * A year-end request list as a firm exports it from a spreadsheet. Due dates
 * are relative to today, so no row shows as overdue whatever day the test runs.
 */

export interface ExpectedRequest {
  title: string;
  /** E-mail of the assignee, or undefined for an unassigned row. */
  assignee?: string;
  /** `YYYY-MM-DD`. */
  dueDate: string;
}

export interface RequestList {
  csv: string;
  /** The requests the import must create, in file order. */
  expected: ExpectedRequest[];
}

function daysFromToday(days: number): string {
  const date = new Date();
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/**
 * Builds the CSV text for two contacts. One row has an unquoted comma in
 * "$5,000", as spreadsheet exports write it. One quoted title contains a comma
 * and doubled quotes, and the organisation chart row has no assignee.
 */
export function yearEndRequestList(first: string, second: string): RequestList {
  const due = {
    twoWeeks: daysFromToday(14),
    threeWeeks: daysFromToday(21),
    oneMonth: daysFromToday(30),
    fiveWeeks: daysFromToday(35),
    sixWeeks: daysFromToday(45),
    twoMonths: daysFromToday(60),
  };
  const lines = [
    "title,description,category,assignee,due_date,sensitivity",
    `Bank statements for all operating accounts,"Monthly statements for every operating and savings account, including accounts closed during the year.",Banking,${first},${due.threeWeeks},confidential`,
    `Signed Form W-9,Current W-9 for the entity; we need it before we can issue 1099s.,Tax,${first},${due.twoWeeks},restricted`,
    `Supporting schedules and engagement letter,"Signed engagement letter, trial balance export, payroll archive and receipt photos.",Accounting,${first},${due.threeWeeks},confidential`,
    `Fixed asset additions over $5,000,"Invoices for each addition, with the date placed in service.",Accounting,${second},${due.oneMonth},internal`,
    `Payroll registers Q4,"Quarterly payroll registers and 941 filings for October–December.",Payroll,${second},${due.fiveWeeks},restricted`,
    `Loan agreements and amendments,"Any new debt, amendments or covenant waivers signed this year.",Legal,${first},${due.fiveWeeks},confidential`,
    `Photo ID of the signing officer,Passport or driver's licence of the officer who signs the tax return.,Compliance,${first},${due.twoWeeks},restricted`,
    `"Receipts for travel over $75, ""per diem"" excluded",Phone photos are fine; one upload per trip.,Expenses,${second},${due.sixWeeks},internal`,
    `Accounts receivable ageing,"Aged debtors at the year-end date, with notes on anything over 90 days.",Accounting,${second},${due.oneMonth},confidential`,
    `Organisation chart,Current chart with the names of everyone who approves payments.,Governance,,${due.twoMonths},internal`,
  ];
  return {
    csv: `${lines.join("\r\n")}\r\n`,
    expected: [
      { title: "Bank statements for all operating accounts", assignee: first, dueDate: due.threeWeeks },
      { title: "Signed Form W-9", assignee: first, dueDate: due.twoWeeks },
      { title: "Supporting schedules and engagement letter", assignee: first, dueDate: due.threeWeeks },
      { title: "Fixed asset additions over $5,000", assignee: second, dueDate: due.oneMonth },
      { title: "Payroll registers Q4", assignee: second, dueDate: due.fiveWeeks },
      { title: "Loan agreements and amendments", assignee: first, dueDate: due.fiveWeeks },
      { title: "Photo ID of the signing officer", assignee: first, dueDate: due.twoWeeks },
      { title: 'Receipts for travel over $75, "per diem" excluded', assignee: second, dueDate: due.sixWeeks },
      { title: "Accounts receivable ageing", assignee: second, dueDate: due.oneMonth },
      { title: "Organisation chart", dueDate: due.twoMonths },
    ],
  };
}
