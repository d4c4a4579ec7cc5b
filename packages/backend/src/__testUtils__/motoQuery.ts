/*
 * Query-protocol calls straight to moto_server (CloudFormation, IAM, STS), as any account:
 * moto ignores signatures and maps the access key of an STS AssumeRole session to the role's
 * account. For tests that check what really landed in AWS, without an SDK client per service.
 */

const VERSIONS = {
  cloudformation: '2010-05-15',
  iam: '2010-05-08',
  sts: '2011-06-15',
} as const;

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};

function unescapeXml(text: string): string {
  return text.replace(/&(#x?[0-9a-fA-F]+|\w+);/g, (whole, name: string) => {
    if (name.startsWith('#x'))
      return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#'))
      return String.fromCodePoint(Number(name.slice(1)));
    return ENTITIES[name] ?? whole;
  });
}

/** The text of every `<tag>` element of a response, unescaped. */
export function xmlValues(xml: string, tag: string): string[] {
  return [
    ...xml.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g')),
  ].map(m => unescapeXml(m[1]));
}

export type MotoQuery = (
  service: keyof typeof VERSIONS,
  action: string,
  params?: Record<string, string>,
) => Promise<string>;

/**
 * A caller for moto at `endpoint` as `accountId` (moto's default account 123456789012 when
 * omitted; any other through an STS AssumeRole session). Errors come back as XML, not thrown.
 */
export async function motoQuery(
  endpoint: string,
  region: string,
  accountId?: string,
): Promise<MotoQuery> {
  const call =
    (accessKeyId: string): MotoQuery =>
    async (service, action, params = {}) => {
      const scopeRegion = service === 'cloudformation' ? region : 'us-east-1';
      const res = await fetch(endpoint, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          Authorization: `AWS4-HMAC-SHA256 Credential=${accessKeyId}/20260101/${scopeRegion}/${service}/aws4_request, SignedHeaders=host, Signature=x`,
        },
        body: new URLSearchParams({
          Action: action,
          Version: VERSIONS[service],
          ...params,
        }).toString(),
      });
      return res.text();
    };
  if (!accountId || accountId === '123456789012') return call('test');
  const assumed = await call('test')('sts', 'AssumeRole', {
    RoleArn: `arn:aws:iam::${accountId}:role/OrganizationAccountAccessRole`,
    RoleSessionName: 'portal-test',
  });
  const [accessKeyId] = xmlValues(assumed, 'AccessKeyId');
  if (!accessKeyId)
    throw new Error(`moto refused AssumeRole into ${accountId}: ${assumed}`);
  return call(accessKeyId);
}
