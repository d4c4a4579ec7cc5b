/** AWS bills hourly resources over an average month of 730 hours (8,760 / 12). */
export const HOURS_PER_MONTH = 730;
