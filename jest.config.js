/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/cdk.out/', '/.lectern/'],
  modulePathIgnorePatterns: ['<rootDir>/cdk.out/'],
  transform: { '^.+\\.(t|j)s$': '<rootDir>/test/support/esbuild-transform.js' },
  // middy, jose and a few other dependencies ship ESM only; let esbuild turn them into CommonJS.
  transformIgnorePatterns: ['/node_modules/(?!(@middy|jose)/)'],
  testTimeout: 30000,
};
