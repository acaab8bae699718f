import type { FastifyDynamicSwaggerOptions } from '@fastify/swagger'
import { AUTHENTICATED, PUBLIC } from '../modules/identity/index.ts'

const camel = (parts: string[]) => parts.map((p, i) => (i === 0 ? p : p.charAt(0).toUpperCase() + p.slice(1))).join('')

/** A stable operationId from method and path: `POST /api/v1/identity/roles` → `postIdentityRoles`. */
function operationId(method: string, url: string): string {
  const words = url
    .replace(/^\/api\/(v1\/)?/, '')
    .split(/[/-]/)
    .filter(Boolean)
    .map((part) => (part.startsWith(':') ? `by${part.charAt(1).toUpperCase()}${part.slice(2)}` : part))
  return camel([method.toLowerCase(), ...words])
}

/** OpenAPI 3.1 from the routes' TypeBox schemas, with each route's access written into it. */
export function openApiOptions(version: string): FastifyDynamicSwaggerOptions {
  return {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Keel API',
        version,
        description:
          'The REST API of Keel, the back-office platform. Errors are RFC 9457 problem documents with a stable `code`. Lists are keyset-paginated (`cursor`, `limit` ≤ 200). Creating POSTs honour `Idempotency-Key`; updates honour `If-Match`.',
        license: { name: 'AGPL-3.0-only', identifier: 'AGPL-3.0-only' },
      },
      servers: [{ url: '/' }],
      components: {
        securitySchemes: {
          session: {
            type: 'apiKey',
            in: 'cookie',
            name: 'keel_session',
            description: 'Browser session; unsafe methods also need the X-CSRF-Token header.',
          },
          bearer: { type: 'http', scheme: 'bearer', description: 'An API token (keel_…), scoped to permissions.' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
      tags: [
        { name: 'auth', description: 'Sign-in, sessions, invitations, password reset' },
        { name: 'me', description: 'Your own account: profile, password, two-factor, sessions, API tokens' },
        { name: 'identity', description: 'Users, roles and permissions' },
        { name: 'audit', description: 'The hash-chained audit trail' },
        { name: 'mail', description: 'Outgoing e-mail' },
        { name: 'system', description: 'Health' },
      ],
    },
    transform: ({ schema, url, route }) => {
      const access = route.config?.access
      const method = Array.isArray(route.method) ? String(route.method[0]) : String(route.method)
      const transformed: Record<string, unknown> = {
        ...(schema as Record<string, unknown>),
        operationId: operationId(method, url),
      }
      if (access === PUBLIC) transformed.security = []
      const note =
        access === PUBLIC
          ? 'Public.'
          : access === AUTHENTICATED
            ? 'Any signed-in user.'
            : access
              ? `Needs \`${access}\`.`
              : ''
      transformed.description = [note, (schema as { description?: string } | undefined)?.description]
        .filter(Boolean)
        .join(' ')
      return { schema: transformed, url }
    },
  }
}
