import { appRoutes } from './app-routes';
import { cellsOf, ROUTE_RULES } from './route-rules';
import { Caller, CALLERS, SecurityFixture } from './security-fixture';

/**
 * Acceptance 1 of issue #5: every route of the running app, called by every
 * role (and by a caseworker and a coordinator of another unit), answers the
 * status its rule expects. A route without a rule fails here.
 */
describe('route × role matrix', () => {
  const f = new SecurityFixture();
  beforeAll(() => f.start(), 120_000);
  afterAll(() => f.stop());

  it('has a rule for every route of the app, and no rule for a route that does not exist', () => {
    const routes = appRoutes(f.server.app);
    const missing = routes.filter((route) => !ROUTE_RULES[route]);
    expect(missing).toEqual([]); // add a rule in test/security/route-rules.ts for each route listed
    const stale = Object.keys(ROUTE_RULES).filter((route) => !routes.includes(route));
    expect(stale).toEqual([]);
  });

  it('answers every route with the expected status for every caller', async () => {
    const mismatches: string[] = [];
    for (const [route, rule] of Object.entries(ROUTE_RULES)) {
      const [method] = route.split(' ');
      const expected = cellsOf(rule);
      const callOne = async (who: Caller) => {
        const response = await f.call(who, method, '', await rule.call(f, who));
        if (response.status !== expected[who]) {
          mismatches.push(
            `${route} as ${who}: ${response.status}, expected ${expected[who]} ${JSON.stringify(response.body)?.slice(0, 160)}`,
          );
        }
      };
      if (rule.parallel) await Promise.all(CALLERS.map(callOne));
      else for (const who of CALLERS) await callOne(who);
    }
    expect(mismatches).toEqual([]);
  }, 120_000);
});
