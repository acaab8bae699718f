import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Health } from '@keel/contracts/system'
import type { DatabaseHandle } from '../db/connect.ts'
import { schemaVersion } from '../db/migrate.ts'
import { PUBLIC } from '../modules/identity/index.ts'

export const KEEL_VERSION = '0.1.0'

export const systemRoutes: FastifyPluginAsyncTypebox<{ handle: DatabaseHandle }> = async (app, { handle }) => {
  app.get(
    '/health',
    {
      config: { access: PUBLIC },
      schema: { tags: ['system'], summary: 'Liveness, database kind and schema version', response: { 200: Health } },
    },
    async () => ({
      status: 'ok' as const,
      database: handle.kind,
      schemaVersion: await schemaVersion(handle),
      version: KEEL_VERSION,
    }),
  )
}
