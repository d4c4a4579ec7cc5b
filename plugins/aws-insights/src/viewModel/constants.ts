/** The backend's hours per month (730): monthly figures here must match the API's. */
export const HOURS_PER_MONTH = 730;
