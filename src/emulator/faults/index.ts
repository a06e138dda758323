/** Fault injection for the emulator: rules, their check, the injector and the request-path hook. */
export { FAULT_EFFECTS, type FaultConfig, type FaultEffect, type FaultRule, type FaultRuleStats, type FaultStats } from './fault-types.js';
export { FaultConfigError, parseFaultConfig } from './parse-fault-config.js';
export { FaultInjector, type FaultRequest, type FiredFault } from './fault-injector.js';
export { dropConnection, injectFault, type FaultContext, type FaultOutcome } from './inject-fault.js';
export { loadFaultsFile } from './load-faults-file.js';
export { handleFaultsRequest } from './faults-endpoint.js';
