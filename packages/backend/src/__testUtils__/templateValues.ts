/** Values of the real aws-environment template for `name`, tier and account as given. */
export function environmentValues(
  name: string,
  tier: string,
  account: string,
  update = false,
  karpenter: Record<string, unknown> = {},
) {
  return {
    name,
    tier,
    account: `resource:default/${account}`,
    region: 'eu-west-1',
    owner: 'group:default/team-orders',
    cidr: 'auto',
    singleNatGateway: tier !== 'prod',
    kubernetesVersion: '1.33',
    karpenter,
    database: {},
    domain: `${name}.example.com`,
    wafRateLimit: 2000,
    update,
  };
}

/** A dev environment `qa` for team-orders with Spot and Graviton allowed. */
export const ENVIRONMENT_QA_VALUES = environmentValues(
  'qa',
  'dev',
  'dev-account',
  false,
  {
    allowSpot: true,
    allowGraviton: true,
    instanceCategories: ['c', 'm', 'r'],
    minInstanceGeneration: 5,
    cpuLimit: 1000,
  },
);

/** Form values for the flask-react-service template: `orders` for dev in the acme org. */
export const SERVICE_ORDERS_VALUES = {
  name: 'orders',
  description: 'Order intake API and back-office UI',
  owner: 'group:default/team-orders',
  environments: ['resource:default/dev'],
  scheduling: 'spot-ok',
  database: true,
  repoUrl: 'github.com?owner=acme&repo=orders',
};
