/** Test builders: desired state, live state, time, whole plans and fast-check worlds. */
export * from './desired-state.js';
export * from './live-state.js';
export * from './time.js';
export * from './plans.js';
export * from './arbitraries.js';
export * from './fake-kms.js';
