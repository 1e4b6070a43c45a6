/** The version of this library, stamped into every result. A test keeps it equal to package.json. */
export const VERSION = "0.1.0";
