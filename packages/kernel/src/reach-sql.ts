import { sql, type RawBuilder, type SqlBool } from 'kysely'
import type { Reach, ReachSubject } from './reach.ts'

/** The columns of a table that say whom a row belongs to. Absent parts never match. */
export interface ReachColumns {
  readonly owner: string
  readonly team?: string
  readonly department?: string
}

const inList = (column: string, ids: readonly string[]): RawBuilder<SqlBool> =>
  ids.length === 0 ? sql<SqlBool>`false` : sql<SqlBool>`${sql.ref(column)} in (${sql.join(ids)})`

/**
 * The SQL form of `isWithinReach`, for lists, searches and exports: add it to
 * a query's where clause (`.where(reachCondition(reach, subject, columns))`)
 * so that rows outside the actor's reach never leave the database.
 */
export function reachCondition(reach: Reach, subject: ReachSubject, columns: ReachColumns): RawBuilder<SqlBool> {
  const own = sql<SqlBool>`${sql.ref(columns.owner)} = ${subject.userId}`
  const team = columns.team ? inList(columns.team, subject.teamIds) : sql<SqlBool>`false`
  const department = columns.department ? inList(columns.department, subject.departmentIds) : sql<SqlBool>`false`
  switch (reach) {
    case 'company':
      return sql<SqlBool>`true`
    case 'department':
      return sql<SqlBool>`(${department} or ${team} or ${own})`
    case 'team':
      return sql<SqlBool>`(${team} or ${own})`
    case 'own':
      return sql<SqlBool>`(${own})`
  }
}
