/**
 * The one written form of an instant, as the service writes dates and kmsctl writes them back:
 * `yyyy-MM-ddTHH:mm:ssZ` (UTC, whole seconds). The decoder keeps a date already in this form as it
 * came, and so does the planner: one string per date, however many places hold it.
 */

/**
 * True for `yyyy-MM-ddTHH:mm:ssZ` naming a real instant (the month has that day, hours 00-23, no leap
 * second): exactly the texts that `parseIsoDate` returns unchanged.
 */
export function isNormalUtcDate(text: string): boolean {
  if (text.length !== 20) return false;
  const c = (i: number): number => text.charCodeAt(i);
  if (c(4) !== 45 || c(7) !== 45 || c(10) !== 84 || c(13) !== 58 || c(16) !== 58 || c(19) !== 90) return false; // - - T : : Z
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return false;
  return day <= daysInMonth(year, month);
}

/** The decimal number written by `length` ASCII digits from `start`, or -1 when one is not a digit. */
function digits(text: string, start: number, length: number): number {
  let value = 0;
  for (let i = start; i < start + length; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
