import { type Static, type TSchema, Type } from 'typebox'

// Shapes shared by every module's HTTP API. Imported by the server (validation,
// serialization, OpenAPI) and by the web app (types).

export const Uuid = Type.String({ format: 'uuid', maxLength: 36 })
export const Instant = Type.String({ format: 'date-time', maxLength: 40 })

/** RFC 9457 problem details with Keel's stable `code` and field errors. */
export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    code: Type.String(),
    instance: Type.Optional(Type.String()),
    requestId: Type.String(),
    errors: Type.Optional(Type.Array(Type.Object({ path: Type.String(), message: Type.String() }))),
  },
  { description: 'RFC 9457 problem details' },
)
export type Problem = Static<typeof Problem>

/** Keyset pagination: `cursor` is opaque; `limit` at most 200. */
export const PageQuery = Type.Object({
  cursor: Type.Optional(Type.String({ maxLength: 500 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
})
export type PageQuery = Static<typeof PageQuery>

export const Page = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), nextCursor: Type.Union([Type.String(), Type.Null()]) })

export const IdParams = Type.Object({ id: Uuid })
export type IdParams = Static<typeof IdParams>
