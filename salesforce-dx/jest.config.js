// Jest setup for the Lightning web components: Salesforce's preset plus a recording navigation mock.
const { jestConfig } = require('@salesforce/sfdx-lwc-jest/config');

module.exports = {
  ...jestConfig,
  moduleNameMapper: {
    // The default stub's Navigate does nothing; this one records the page reference so tests can check it.
    '^lightning/navigation$': '<rootDir>/jest-mocks/lightning/navigation',
  },
  testPathIgnorePatterns: [
    ...jestConfig.testPathIgnorePatterns,
    '<rootDir>/.localdevserver/',
    '<rootDir>/.sfdx/',
    '<rootDir>/.sf/',
  ],
};
