import { z } from 'zod';

/**
 * Evaluated first in every Lambda bundle (scripts/bundle.ts puts this import ahead of each entry's own). zod 4
 * compiles a parser for each object schema with `new Function` the first time it parses: on a cold start that is
 * one eval and one cold compile per object schema a function meets (the environment, the request body, the
 * stored items), paid before the first answer, for a speed-up that only shows after thousands of parses of the
 * same shape. Without it zod walks the shape with its generic code, the same results and issues. Set before any
 * schema is built: an object schema reads the flag when it is constructed.
 */
z.config({ jitless: true });
