/**
 * Permission policy module of the Platform Portal.
 *
 * @packageDocumentation
 */
export { permissionModulePlatformPolicy as default } from './module';
export { PlatformPermissionPolicy } from './PlatformPermissionPolicy';
