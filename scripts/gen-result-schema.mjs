// Writes docs/result-schema.json from the zod result model (after `npm run build`).
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { resultJsonSchema } = require(join(root, 'out/grammar/results/json-schema.js'));
writeFileSync(join(root, 'docs/result-schema.json'), JSON.stringify(resultJsonSchema(), null, 2) + '\n');
console.log('wrote docs/result-schema.json');
