// The permission engine: pure data and functions, no I/O. The server and the web app import it;
// it imports neither (enforced by the lint configuration).
export * from './scopes.js';
export * from './roles.js';
export * from './resources.js';
export * from './actions.js';
export * from './settings.js';
export * from './facts.js';
export * from './grants.js';
export * from './inheritance.js';
export * from './decision.js';
export { decide, can } from './decide.js';
export { isActive } from './holds.js';
export * from './list-plan.js';
export * from './assignment.js';
export { renderPermissionsDoc } from './docs.js';
export { explain, type Explanation } from './explain.js';
