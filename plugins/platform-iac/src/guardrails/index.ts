export {
  accountTierProblem,
  effectiveTier,
  tierOfCatalogInfo,
  TIER_STRICTNESS,
} from './tiers';
export type { AccountIdentity, EffectiveTier, ExistingTier } from './tiers';
export {
  environmentFolder,
  ifMissingProblem,
  MODULE_LIBRARY_FOLDER,
  renderedTree,
  renderedTreeDigest,
} from './renderedTree';
