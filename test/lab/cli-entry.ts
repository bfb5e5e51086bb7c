// Runs the aksnet CLI from source (for tests that need a separate process, e.g. to send it SIGTERM).
import { main } from '../../src/cli/main.js';

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
