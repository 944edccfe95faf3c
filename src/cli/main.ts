/**
 * Entry of the `tessera` command line (`npm start` runs its build, `npm run dev` these sources).
 * Exit codes: 0 ok, 1 runtime error, 2 usage or validation error; user mistakes print one
 * message, never a stack trace (TESSERA_DEBUG=1 shows them).
 */
import { describeFailure } from './errors.js';
import { createProgram } from './program.js';

try {
  await createProgram().parseAsync(process.argv);
  // Long-running commands (start) keep the process alive through their listeners.
} catch (error) {
  const { code, message } = describeFailure(error);
  if (message !== null) console.error(`tessera: ${message}`);
  process.exit(code);
}
