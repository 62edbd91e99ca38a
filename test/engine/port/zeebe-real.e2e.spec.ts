import { ZeebeEngine } from '../../../src/engine/zeebe/zeebe-engine';
import { describePortConformance } from './port-conformance';

const address = process.env.ZEEBE_TEST_ADDRESS;
let engine: ZeebeEngine | undefined;
afterAll(() => engine?.stop());

/**
 * The same suite against a real Zeebe 8.5 (scripts/zeebe-smoke.sh starts one with Docker). The
 * tests that read incidents and business keys wait for the exporter's consumer to fill the read
 * side (issue 12, part 3) and are skipped here until then.
 */
if (address) {
  describePortConformance(
    `Zeebe adapter → Zeebe at ${address}`,
    async () => {
      engine = new ZeebeEngine({
        address,
        clientId: process.env.ZEEBE_TEST_CLIENT_ID,
        clientSecret: process.env.ZEEBE_TEST_CLIENT_SECRET,
        oauthUrl: process.env.ZEEBE_TEST_OAUTH_URL,
        audience: 'zeebe',
        secure: process.env.ZEEBE_TEST_SECURE === 'true',
        readVariables: () => Promise.resolve({}),
      });
      const unavailable = () => Promise.reject(new Error('no read side for a real Zeebe yet'));
      return { engine, incidentsOf: unavailable, instanceByBusinessKey: unavailable };
    },
    { readSide: false },
  );
} else {
  describe.skip('engine port conformance on a real Zeebe (skipped: set ZEEBE_TEST_ADDRESS, e.g. by scripts/zeebe-smoke.sh)', () => {
    it('runs the suite against a real Zeebe 8.5', () => undefined);
  });
}
