import { calendarDate, inTransaction, invalidField, isTimeZone, currencyCode } from '@keel/kernel'
import type { Kysely } from 'kysely'
import { recordAudit, type AuditContext } from '../audit/index.ts'
import { assertVersion } from './org-errors.ts'
import type { AddressJson, ImageType, OrgDeps } from './org.tables.ts'

export interface CompanyProfileView {
  readonly legalName: string
  readonly registrationId: string | null
  readonly taxId: string | null
  readonly functionalCurrency: string
  readonly fiscalYearStartMonth: number
  readonly timeZone: string
  readonly locale: string
  readonly registeredAddress: AddressJson
  readonly postalAddress: AddressJson | null
  readonly hasLogo: boolean
  readonly version: number
}

export type CompanyProfileInput = Omit<CompanyProfileView, 'hasLogo' | 'version'>

/** Before anyone fills the profile in: the company's name, euros, calendar year, UTC. */
const defaults = (companyName: string): CompanyProfileView => ({
  legalName: companyName,
  registrationId: null,
  taxId: null,
  functionalCurrency: 'EUR',
  fiscalYearStartMonth: 1,
  timeZone: 'UTC',
  locale: 'en-GB',
  registeredAddress: {},
  postalAddress: null,
  hasLogo: false,
  version: 0,
})

export async function getCompanyProfile(
  db: Kysely<OrgDeps>,
  companyId: string,
  companyName: string,
): Promise<CompanyProfileView> {
  const row = await db
    .selectFrom('org_company_profile')
    .selectAll()
    .where('company_id', '=', companyId)
    .executeTakeFirst()
  if (!row) return defaults(companyName)
  return {
    legalName: row.legal_name,
    registrationId: row.registration_id,
    taxId: row.tax_id,
    functionalCurrency: row.functional_currency,
    fiscalYearStartMonth: row.fiscal_year_start_month,
    timeZone: row.time_zone,
    locale: row.locale,
    registeredAddress: row.registered_address,
    postalAddress: row.postal_address,
    hasLogo: row.logo !== null,
    version: row.version,
  }
}

/** The company's calendar date at `now`, in its own time zone: what "today" means for effective dates. */
export async function companyToday(db: Kysely<OrgDeps>, companyId: string, now: Date): Promise<string> {
  const row = await db
    .selectFrom('org_company_profile')
    .select('time_zone')
    .where('company_id', '=', companyId)
    .executeTakeFirst()
  return calendarDate(now, row?.time_zone ?? 'UTC')
}

export async function updateCompanyProfile(
  db: Kysely<OrgDeps>,
  context: AuditContext,
  companyName: string,
  input: CompanyProfileInput,
  now: Date,
  expectedVersion?: number,
) {
  if (!isTimeZone(input.timeZone))
    throw invalidField('org.unknown_time_zone', '/body/timeZone', `${input.timeZone} is not a known time zone.`)
  try {
    currencyCode(input.functionalCurrency)
  } catch {
    throw invalidField(
      'org.unknown_currency',
      '/body/functionalCurrency',
      `${input.functionalCurrency} is not a supported currency.`,
    )
  }
  try {
    new Intl.Locale(input.locale)
  } catch {
    throw invalidField('org.unknown_locale', '/body/locale', `${input.locale} is not a locale.`)
  }
  return inTransaction(db, async (trx) => {
    const before = await getCompanyProfile(trx, context.companyId, companyName)
    assertVersion(before.version, expectedVersion, 'company profile')
    const values = {
      legal_name: input.legalName.trim(),
      registration_id: input.registrationId?.trim() || null,
      tax_id: input.taxId?.trim() || null,
      functional_currency: input.functionalCurrency,
      fiscal_year_start_month: input.fiscalYearStartMonth,
      time_zone: input.timeZone,
      locale: input.locale,
      registered_address: JSON.stringify(input.registeredAddress),
      postal_address: input.postalAddress ? JSON.stringify(input.postalAddress) : null,
      updated_at: now,
    }
    await trx
      .insertInto('org_company_profile')
      .values({ company_id: context.companyId, ...values })
      .onConflict((oc) =>
        oc
          .column('company_id')
          .doUpdateSet((eb) => ({ ...values, version: eb('org_company_profile.version', '+', 1) })),
      )
      .execute()
    const after = await getCompanyProfile(trx, context.companyId, companyName)
    const changes: Record<string, { before: unknown; after: unknown }> = {}
    for (const field of Object.keys(input) as (keyof CompanyProfileInput)[]) {
      if (JSON.stringify(before[field]) !== JSON.stringify(after[field]))
        changes[field] = { before: before[field], after: after[field] }
    }
    await recordAudit(trx, context, {
      action: 'org.company_profile.updated',
      entityType: 'company',
      entityId: context.companyId,
      changes,
    })
    return after
  })
}

export const MAX_IMAGE_BYTES = 512 * 1024
export const IMAGE_TYPES: readonly ImageType[] = ['image/png', 'image/jpeg', 'image/webp']

/**
 * Believes an image's type only if its first bytes say so too: a file named
 * .png that is really HTML or SVG is refused.
 */
export function checkImage(content: Buffer, declaredType: string, path: string): ImageType {
  if (!IMAGE_TYPES.includes(declaredType as ImageType))
    throw invalidField('org.unsupported_image', path, 'Upload a PNG, JPEG or WebP image.')
  if (content.length === 0) throw invalidField('org.unsupported_image', path, 'The image is empty.')
  if (content.length > MAX_IMAGE_BYTES)
    throw invalidField('org.image_too_large', path, `Images are at most ${String(MAX_IMAGE_BYTES / 1024)} KB.`)
  const magic: Record<ImageType, (b: Buffer) => boolean> = {
    'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
    'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
    'image/webp': (b) =>
      b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
  }
  const type = declaredType as ImageType
  if (!magic[type](content))
    throw invalidField('org.unsupported_image', path, `The file is not a ${type.slice(6).toUpperCase()} image.`)
  return type
}

export async function setCompanyLogo(
  db: Kysely<OrgDeps>,
  context: AuditContext,
  companyName: string,
  logo: { content: Buffer; contentType: string } | null,
  now: Date,
) {
  const type = logo ? checkImage(logo.content, logo.contentType, '/body') : null
  return inTransaction(db, async (trx) => {
    const before = await getCompanyProfile(trx, context.companyId, companyName)
    if (before.version === 0) {
      const { hasLogo: _hasLogo, version: _version, ...profile } = before
      await updateCompanyProfile(trx, context, companyName, profile, now)
    }
    await trx
      .updateTable('org_company_profile')
      // The logo is not part of the profile form: changing it does not make an open form stale.
      .set({ logo: logo?.content ?? null, logo_type: type, updated_at: now })
      .where('company_id', '=', context.companyId)
      .execute()
    await recordAudit(trx, context, {
      action: logo ? 'org.company_logo.set' : 'org.company_logo.removed',
      entityType: 'company',
      entityId: context.companyId,
      changes: { logo: { before: before.hasLogo, after: logo !== null } },
    })
    return getCompanyProfile(trx, context.companyId, companyName)
  })
}

export async function getCompanyLogo(db: Kysely<OrgDeps>, companyId: string) {
  const row = await db
    .selectFrom('org_company_profile')
    .select(['logo', 'logo_type'])
    .where('company_id', '=', companyId)
    .executeTakeFirst()
  return row?.logo && row.logo_type ? { content: row.logo, contentType: row.logo_type } : null
}
