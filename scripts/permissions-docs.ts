// `npm run permissions:docs`: writes docs/permissions.md from the permission engine's data.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderPermissionsDoc } from '@steward/permissions';

const target = fileURLToPath(new URL('../docs/permissions.md', import.meta.url));
writeFileSync(target, renderPermissionsDoc());
console.log('Wrote docs/permissions.md');
