export { AccountCard } from './AccountCard';
export { ClusterCard } from './ClusterCard';
export { DatabaseCard } from './DatabaseCard';
export { WafCard } from './WafCard';
