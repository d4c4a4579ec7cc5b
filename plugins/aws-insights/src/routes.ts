import { createRouteRef } from '@backstage/frontend-plugin-api';

/** The Platform page (fleet dashboards). */
export const rootRouteRef = createRouteRef();
