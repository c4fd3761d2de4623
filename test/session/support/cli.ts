// The `readable` child process helper is shared by every CLI test: test/support/cli.ts.
export { CliChild } from '../../support/cli.js';
