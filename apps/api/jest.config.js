/**
 * Unit specs (src/**\/*.spec.ts), e2e suites (test/**\/*.e2e-spec.ts) and the contract fuzz
 * (test/**\/*.fuzz-spec.ts), run as native ES modules. The e2e suites run on SQLite, and again on
 * MySQL/MariaDB when TEST_DATABASE_URL is set; the fuzz runs on SQLite only.
 */
const shared = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: {
    '^@marquee/contracts$': '<rootDir>/../../libs/contracts/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: '<rootDir>/tsconfig.spec.json', diagnostics: false }] },
};

const projects = [
  { ...shared, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts'] },
  {
    ...shared,
    displayName: 'e2e sqlite',
    testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
    setupFiles: ['<rootDir>/test/support/use-sqlite.ts'],
  },
  {
    ...shared,
    displayName: 'fuzz sqlite',
    testMatch: ['<rootDir>/test/**/*.fuzz-spec.ts'],
    setupFiles: ['<rootDir>/test/support/use-sqlite.ts'],
  },
];
if (process.env.TEST_DATABASE_URL) {
  projects.push({
    ...shared,
    displayName: 'e2e mysql',
    testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
    setupFiles: ['<rootDir>/test/support/use-mysql.ts'],
  });
}

export default { projects, testTimeout: 30_000, maxWorkers: 2 };
