/** The directory's object shapes, defined in `model/` so storage can map rows to them without importing the domain. */
export type * from '../model/directory-objects.js';
