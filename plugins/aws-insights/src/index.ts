/**
 * Platform dashboards (EKS capacity, Spot/Graviton mix, RDS health, WAF) for the new
 * frontend system.
 *
 * @packageDocumentation
 */
export { awsInsightsPlugin as default } from './plugin';
export { awsInsightsApiRef } from './api';
export { rootRouteRef } from './routes';
