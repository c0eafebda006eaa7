/** The normalised model every layer speaks: zod schemas and the types inferred from them. */
export * from './certification.js';
export * from './dates.js';
export * from './deal.js';
export * from './partner.js';
export * from './person.js';
export * from './record-issue.js';
export * from './score.js';
export * from './scoring.js';
export * from './source-ref.js';
export * from './taxonomy.js';
