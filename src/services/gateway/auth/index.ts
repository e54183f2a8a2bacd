export { installAccessControl, type AccessOptions, type KeyRateLimit } from './access-control.js';
export { ApiKeyStore, hashKey, type ApiKeyRecord } from './api-key-store.js';
export { isRole, roleCovers, ROLE_DUTIES, ROLES, type Role } from './roles.js';
