/**
 * Imported first by the entry, before the library builds its schemas: zod 4 otherwise probes `new Function`
 * once to decide whether it may compile fast parsers, and under `script-src 'self'` (no 'unsafe-eval') the
 * browser reports that probe as a Content-Security-Policy violation even though zod catches the error.
 */
import { z } from "zod";

z.config({ jitless: true });
