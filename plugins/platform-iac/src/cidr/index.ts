export {
  CidrError,
  PRIVATE_BLOCKS,
  blockSize,
  cidrRange,
  contains,
  formatCidr,
  formatIpv4,
  isPrivateCidr,
  isValidCidr,
  overlaps,
  parseCidr,
  parseIpv4,
  subdivide,
} from './ipv4';
export type { AddressRange, Cidr } from './ipv4';
export {
  DEFAULT_POOL,
  DEFAULT_VPC_PREFIX,
  VPC_PREFIX_MIN,
  VPC_PREFIX_MAX,
  allocateVpcCidr,
} from './allocate';
export type { AllocateVpcCidrOptions } from './allocate';
export { availabilityZones, planSubnets } from './subnets';
