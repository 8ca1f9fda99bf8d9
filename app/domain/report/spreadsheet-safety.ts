// Spreadsheet ("CSV") injection: a cell that starts with =, +, -, @, a tab or a carriage
// return may be run as a formula by Excel, LibreOffice or Google Sheets when the file is
// opened (OWASP, "CSV Injection"). Every text cell of every export goes through
// `neutraliseCell`; numbers and dates are written as such and cannot be formulas.

/** The characters that make a spreadsheet treat a cell as a formula (or a DDE call). */
export const FORMULA_TRIGGERS = ["=", "+", "-", "@", "\t", "\r"] as const;

/**
 * Text made safe to open: a leading single quote turns a would-be formula into plain text (the
 * quote stays visible, so a reader can tell the value was changed). Other text is returned as it is.
 */
export function neutraliseCell(value: string): string {
  return TRIGGER_CODES.has(value.charCodeAt(0)) ? `'${value}` : value;
}

// By character code: a file neutralises every text cell it writes, hundreds of thousands of them.
const TRIGGER_CODES: ReadonlySet<number> = new Set(FORMULA_TRIGGERS.map((trigger) => trigger.charCodeAt(0)));

export type CellValue = string | number | boolean | Date | null | undefined;

/** Neutralises text and passes numbers, dates, booleans and empty cells through untouched. */
export function safeCell<T extends CellValue>(value: T): T {
  return (typeof value === "string" ? neutraliseCell(value) : value) as T;
}
