import { parse } from '@cdktf/hcl2json';
import fc from 'fast-check';
import { cost, network, relative, request } from './__fixtures__/requests';
import { attr, hclString, renderBody } from './hcl';
import { renderEnvironment } from './renderEnvironment';

/** hcl2json keeps template escapes in literals (Terraform JSON syntax); undo them. */
function literalValue(json: string): string {
  return json.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{');
}

/** True when a hcl2json string still contains an (unescaped) interpolation or directive. */
function hasTemplate(json: string): boolean {
  return /(^|[^$])\$\{|(^|[^%])%\{/.test(json.replace(/\$\$\{|%%\{/g, ''));
}

const DANGEROUS =
  'a"b\\c ${var.secret} %{ if true }x%{ endif }\nevil = "1"\r\t$${x} %%{y}';

describe('hclString', () => {
  it('escapes quotes, backslashes, newlines and template introducers', () => {
    expect(hclString('say "hi"\\ \n ${x} %{y}')).toBe(
      '"say \\"hi\\"\\\\ \\n $${x} %%{y}"',
    );
  });

  it('round-trips any string as a literal', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: 'binary', maxLength: 40 }),
        async value => {
          const json = (await parse(
            't.tf',
            renderBody([attr('v', value)], 0),
          )) as { v: string };
          expect(Object.keys(json)).toEqual(['v']);
          expect(hasTemplate(json.v)).toBe(false);
          // HCL normalizes string literals to Unicode NFC.
          expect(literalValue(json.v)).toBe(value.normalize('NFC'));
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('free text in a request', () => {
  const base = request('dev');
  // Built directly, bypassing the request parser, as a hostile caller could.
  const hostile = {
    ...base,
    owner: `group:default/${DANGEROUS}`,
    ingress: { domain: DANGEROUS, certificateArn: DANGEROUS },
    state: { ...base.state, bucket: DANGEROUS },
  };
  const files = relative(
    renderEnvironment({
      request: hostile,
      network: network('dev'),
      cost: cost('dev'),
    }),
  );

  it('stays a literal in terraform.tfvars', async () => {
    const json = (await parse(
      'terraform.tfvars',
      files['terraform.tfvars'],
    )) as Record<string, unknown>;
    const expected = renderEnvironment({
      request: base,
      network: network('dev'),
      cost: cost('dev'),
    });
    const baseVars = (await parse(
      'terraform.tfvars',
      relative(expected)['terraform.tfvars'],
    )) as object;
    expect(Object.keys(json).sort()).toEqual(Object.keys(baseVars).sort());
    for (const key of ['owner', 'domain', 'certificate_arn']) {
      const value = json[key] as string;
      expect(hasTemplate(value)).toBe(false);
    }
    expect(literalValue(json.domain as string)).toBe(DANGEROUS);
    expect(literalValue(json.certificate_arn as string)).toBe(DANGEROUS);
    expect(literalValue(json.owner as string)).toBe(
      `group:default/${DANGEROUS}`,
    );
  });

  it('stays a literal in backend.tf', async () => {
    const json = (await parse('backend.tf', files['backend.tf'])) as any;
    const s3 = json.terraform[0].backend.s3[0];
    expect(Object.keys(s3).sort()).toEqual([
      'bucket',
      'encrypt',
      'key',
      'region',
      'use_lockfile',
    ]);
    expect(hasTemplate(s3.bucket)).toBe(false);
    expect(literalValue(s3.bucket)).toBe(DANGEROUS);
  });

  it('stays plain data in the YAML files', () => {
    expect(files['catalog-info.yaml']).not.toContain('\nevil');
    expect(files['catalog-info.yaml']).toContain('owner:');
  });
});
