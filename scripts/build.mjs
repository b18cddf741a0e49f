#!/usr/bin/env node
// `npm run build`: always builds the web app and the server into dist/.
import { build } from './lib/build.mjs';

await build({ force: true });
