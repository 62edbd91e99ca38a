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

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testRegex: '.*\\.(spec|test)\\.ts$',
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
