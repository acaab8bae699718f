import type { AnnouncementBody } from '@keel/contracts/intranet'
import { invalidField } from '@keel/kernel'
import type { AudienceTarget } from '../org/index.ts'

/** An announcement as the use cases take it, decoded and checked. */
export interface AnnouncementInput {
  readonly title: string
  readonly body: string
  readonly audience: readonly AudienceTarget[]
  readonly publishAt: Date
  readonly expiresAt: Date | null
  readonly pinned: boolean
  readonly pinnedUntil: Date | null
  readonly requiresAcknowledgement: boolean
}

/**
 * Decodes the request body: no publishAt means now; an expiry or a pin end
 * before the publication is refused naming the field.
 */
export function announcementInput(body: AnnouncementBody, now: Date): AnnouncementInput {
  const publishAt = body.publishAt ? new Date(body.publishAt) : now
  const expiresAt = body.expiresAt ? new Date(body.expiresAt) : null
  const pinned = body.pinned ?? false
  const pinnedUntil = pinned && body.pinnedUntil ? new Date(body.pinnedUntil) : null
  if (expiresAt !== null && expiresAt <= publishAt)
    throw invalidField(
      'intranet.expires_before_publication',
      '/body/expiresAt',
      'An announcement expires after it is published.',
    )
  if (pinnedUntil !== null && pinnedUntil <= publishAt)
    throw invalidField(
      'intranet.pin_ends_before_publication',
      '/body/pinnedUntil',
      'A pin ends after the announcement is published.',
    )
  if (body.title.trim() === '')
    throw invalidField('intranet.empty_title', '/body/title', 'Give the announcement a title.')
  if (body.body.trim() === '')
    throw invalidField('intranet.empty_body', '/body/body', 'Write what you want to announce.')
  return {
    title: body.title.trim(),
    body: body.body.trim(),
    audience: body.audience,
    publishAt,
    expiresAt,
    pinned,
    pinnedUntil,
    requiresAcknowledgement: body.requiresAcknowledgement ?? false,
  }
}
