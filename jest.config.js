// ESM-only dependencies (feelin and its parser, moddle and the bpmnlint rules' helpers, OIDC)
// are compiled to CommonJS for Jest; plain Node 20.19+ loads them with require().
const esmPackages = [
  'feelin',
  'lezer-feel',
  'min-dash',
  'temporal-polyfill',
  'temporal-utils',
  '@lezer',
  'bpmn-moddle',
  'moddle',
  'moddle-xml',
  'saxen',
  '@bpmn-io',
  // OpenID Connect: the client, its helpers, and the provider the tests run on loopback.
  'openid-client',
  'oauth4webapi',
  'jose',
  'oidc-provider',
];

// With TEST_DATABASE_URL the suite runs a second time on a PostgreSQL server (CI does both):
// what never reaches the test database would only repeat its PGlite run, so it is left out —
// the unit specs under src, the static checks, the browser suites (the API they drive is
// tested on both databases) and the suites that start the service on an embedded folder of
// their own (DATA_DIR).
const sameOnEveryDatabase = [
  '<rootDir>/src/',
  '<rootDir>/test/client/',
  '<rootDir>/test/foundation/(startup|demo-accounts|docker-compose|readme|sql-ordering)\\.',
  '<rootDir>/test/security/log-privacy\\.',
  '<rootDir>/test/paths/shipped-models\\.',
  '<rootDir>/test/cases/document-content\\.',
  '<rootDir>/test/notifications/settings\\.',
  '<rootDir>/test/stats/duration-histogram\\.',
];

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testRegex: '.*\\.(spec|test)\\.ts$',
  testPathIgnorePatterns: [
    '/node_modules/',
    ...(process.env.TEST_DATABASE_URL ? sameOnEveryDatabase : []),
  ],
  transform: {
    '^.+\\.(t|j)s$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages.join('|')})/)`],
  moduleFileExtensions: ['ts', 'js', 'json'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 30000,
  // The suites mostly wait on the database, HTTP and moved timers: two workers keep two cores
  // busy (Jest's default here is one: 8.3 min on PGlite; three took 4.9 min but starved the
  // suites that start the service as child processes).
  maxWorkers: 2,
};
