import { MOTO_ACCOUNT_ID, startMotoServer } from './motoServer';

describe('startMotoServer', () => {
  it('starts moto on loopback, answers STS as the default account, and stops', async () => {
    const moto = await startMotoServer();
    try {
      expect(moto.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const res = await fetch(moto.endpoint, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          Authorization:
            'AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=x',
        },
        body: 'Action=GetCallerIdentity&Version=2011-06-15',
      });
      expect(await res.text()).toContain(
        `<Account>${MOTO_ACCOUNT_ID}</Account>`,
      );
    } finally {
      await moto.stop();
    }
    await expect(fetch(`${moto.endpoint}/moto-api/`)).rejects.toThrow();
  });

  it('says what to install when moto_server is not on PATH', async () => {
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      await expect(startMotoServer()).rejects.toThrow(
        /moto_server is not on PATH: install moto\[server\]/,
      );
    } finally {
      process.env.PATH = path;
    }
  });
});
