/** Characters that make a spreadsheet read a cell as a formula (or a continuation of one). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A cell that a spreadsheet will show as text: a value starting with `=`, `+`, `-`, `@`, tab or carriage return
 * gets a leading single quote, so it is never run as a formula (CSV injection).
 */
export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}
