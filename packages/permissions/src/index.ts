// The permission engine: pure data and functions, no I/O. The server and the web app import it;
// it imports neither (enforced by the lint configuration).
export * from './scopes.js';
export * from './roles.js';
