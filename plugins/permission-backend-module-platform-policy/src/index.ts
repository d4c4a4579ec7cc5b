/**
 * Permission policy module of the Platform Portal.
 *
 * @packageDocumentation
 */
export { permissionModulePlatformPolicy as default } from './module';
export { PlatformPermissionPolicy } from './PlatformPermissionPolicy';
export {
  ORDINARY_USER_ACTIONS,
  PERMISSION_TABLE,
  permissionTableMarkdown,
} from './permissionTable';
export type { Audience, PermissionRow } from './permissionTable';
