/**
 * Framework-free IaC library of the Platform Portal: environment request validation, CIDR
 * allocation, Terraform and Kubernetes rendering, validation, policy checks and cost estimates.
 *
 * @packageDocumentation
 */
export * from './types';
export * from './cidr';
export * from './request';
export * from './policy';
export * from './cost';
export * from './render';
export * from './validate';
export * from './data';
export * from './guardrails';
export * from './accountBootstrap';
export * from './account';
