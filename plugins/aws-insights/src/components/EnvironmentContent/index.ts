export { EnvironmentContent } from './EnvironmentContent';
