/** The protocol-state records, defined in `model/` so storage can map rows to them without importing the domain. */
export type * from '../model/protocol-state.js';
